using System.IO.Compression;
using System.Text;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Tests.Audits;

/// <summary>Roster files as HR tools really save them (GB18030 CSV, UTF-16, BOMs) and XLSX files damaged by hand.</summary>
public sealed class RosterFileFormatTests
{
    private const string Csv = """
        employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date
        E001,张三,zhangsan,13800000001,zhang@example.com,销售部,销售经理,active,2024-03-01,
        E002,欧阳娜娜,ouyang,13800000002,,研发部,工程师,terminated,2020-01-01,2026-11-20
        """;

    public static TheoryData<string> Encodings => ["gb18030", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_csv_saved_in_any_encoding_excel_uses_reads_the_same_names(string encoding)
    {
        var result = RosterParser.Parse(new MemoryStream(Encode(Csv, encoding)), "roster.csv");

        Assert.Empty(result.Problems);
        Assert.Equal(["张三", "欧阳娜娜"], result.Rows.Select(row => row.Name));
        Assert.Equal(["销售部", "研发部"], result.Rows.Select(row => row.Department!));
        Assert.DoesNotContain(result.Rows, row => $"{row.Name}{row.Department}{row.Position}".Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Fact]
    public void A_csv_invalid_in_every_encoding_is_refused_with_a_clear_reason()
    {
        // 0x80 and 0xFF are invalid alone in UTF-8 and in GB18030, and there are no zero bytes to suggest UTF-16.
        var bytes = Encoding.UTF8.GetBytes(Csv.Replace("张三", "\u0001", StringComparison.Ordinal)).Select(b => b == 1 ? (byte)0x80 : b).Concat(new byte[] { 0xFF, 0x0A }).ToArray();

        var error = Assert.Throws<RosterFormatException>(() => RosterParser.Parse(new MemoryStream(bytes), "roster.csv"));

        Assert.Contains("UTF-8, UTF-16 or GB18030", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_that_already_holds_replacement_characters_is_refused()
    {
        var error = Assert.Throws<RosterFormatException>(() =>
            RosterParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Csv.Replace("张三", "\uFFFD\uFFFD", StringComparison.Ordinal))), "roster.csv"));

        Assert.Contains("U+FFFD", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XFE3")]
    [InlineData("ZZZZZZ3")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ3")]
    public void A_cell_reference_past_excels_last_column_makes_its_row_a_problem_not_a_huge_row(string reference)
    {
        var xlsx = HandMadeXlsx.Workbook(HandMadeXlsx.Sheet(
            HandMadeXlsx.Row(1, RosterParser.Header.ToArray()),
            HandMadeXlsx.Row(2, "E001", "张三", "zhangsan", "", "", "销售部", "经理", "active", "2024-03-01", ""),
            $"""<row r="3">{HandMadeXlsx.Cell("A3", "E002")}{HandMadeXlsx.Cell("B3", "李四")}{HandMadeXlsx.Cell(reference, "x")}</row>""",
            HandMadeXlsx.Row(4, "E003", "王五", "wangwu", "", "", "研发部", "工程师", "active", "2024-03-01", "")));

        var result = RosterParser.Parse(new MemoryStream(xlsx), "roster.xlsx");

        Assert.Equal(["zhangsan", "wangwu"], result.Rows.Select(row => row.UserId!));
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, "E002"), (problem.RowNumber, problem.EmployeeId));
        Assert.Contains("past Excel's last column (XFD)", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_cell_far_to_the_right_is_ignored_and_a_value_there_is_a_row_problem()
    {
        var xlsx = HandMadeXlsx.Workbook(HandMadeXlsx.Sheet(
            HandMadeXlsx.Row(1, RosterParser.Header.ToArray()),
            HandMadeXlsx.Row(2, "E001", "张三", "zhangsan", "", "", "销售部", "经理", "active", "2024-03-01", "").Replace("</row>", """<c r="XFD2"/></row>""", StringComparison.Ordinal),
            HandMadeXlsx.Row(3, "E002", "李四", "lisi", "", "", "销售部", "经理", "active", "2024-03-01", "").Replace("</row>", HandMadeXlsx.Cell("BZ3", "note") + "</row>", StringComparison.Ordinal)));

        var result = RosterParser.Parse(new MemoryStream(xlsx), "roster.xlsx");

        Assert.Equal("zhangsan", Assert.Single(result.Rows).UserId);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.RowNumber);
        Assert.Contains("BZ3 has a value past column 64", problem.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string> DamagedWorkbooks => [.. HandMadeXlsx.Damaged.Keys];

    [Theory]
    [MemberData(nameof(DamagedWorkbooks))]
    public void A_damaged_workbook_is_a_roster_format_error(string damage)
    {
        var error = Assert.Throws<RosterFormatException>(() => RosterParser.Parse(new MemoryStream(HandMadeXlsx.Damaged[damage]()), "roster.xlsx"));

        Assert.StartsWith("The roster is not a readable XLSX workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hand_made_workbook_itself_reads()
    {
        var xlsx = HandMadeXlsx.Workbook(HandMadeXlsx.Sheet(
            HandMadeXlsx.Row(1, RosterParser.Header.ToArray()),
            HandMadeXlsx.Row(2, "E001", "张三", "zhangsan", "", "", "销售部", "经理", "active", "2024-03-01", "")));

        Assert.Equal("张三", Assert.Single(RosterParser.Parse(new MemoryStream(xlsx), "roster.xlsx").Rows).Name);
    }

    internal static byte[] Encode(string text, string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return encoding switch
        {
            "gb18030" => Encoding.GetEncoding(54936).GetBytes(text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
    }
}

/// <summary>XLSX packages written entry by entry with System.IO.Compression, so that they can be broken in ways the Open XML SDK would not write.</summary>
internal static class HandMadeXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
          <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
        </Types>
        """;

    private const string PackageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
        </Relationships>
        """;

    private const string WorkbookXml = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="roster" sheetId="1" r:id="rId1"/></sheets></workbook>
        """;

    private const string WorkbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
        </Relationships>
        """;

    private static readonly string GoodSheet = Sheet(
        Row(1, RosterParser.Header.ToArray()),
        Row(2, "E001", "张三", "zhangsan", "", "", "销售部", "经理", "active", "2024-03-01", ""));

    /// <summary>Workbooks broken one way each: the reader must refuse them as a roster, not throw anything else.</summary>
    public static IReadOnlyDictionary<string, Func<byte[]>> Damaged { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["not a zip"] = () => Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not really a zip"),
        ["truncated zip"] = () => Workbook(GoodSheet)[..200],
        ["sheet part missing"] = () => Package(new() { ["xl/workbook.xml"] = WorkbookXml, ["xl/_rels/workbook.xml.rels"] = WorkbookRels }),
        ["sheet relationship id unknown"] = () => Workbook(GoodSheet, workbook: WorkbookXml.Replace("r:id=\"rId1\"", "r:id=\"rId9\"", StringComparison.Ordinal)),
        ["sheet relationship to a non-worksheet"] = () => Workbook(GoodSheet, workbookRels: WorkbookRels.Replace("relationships/worksheet", "relationships/styles", StringComparison.Ordinal)),
        ["sheet without r:id"] = () => Workbook(GoodSheet, workbook: WorkbookXml.Replace(" r:id=\"rId1\"", string.Empty, StringComparison.Ordinal)),
        ["DTD in the sheet"] = () => Workbook(GoodSheet.Replace("<worksheet", "<!DOCTYPE worksheet [<!ENTITY x \"张三\">]><worksheet", StringComparison.Ordinal)),
        ["DTD in the workbook"] = () => Workbook(GoodSheet, workbook: WorkbookXml.Replace("<workbook", "<!DOCTYPE workbook [<!ENTITY x \"y\">]><workbook", StringComparison.Ordinal)),
        ["malformed sheet XML"] = () => Workbook(GoodSheet.Replace("</sheetData>", "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>E003</is></c></row></sheetData>", StringComparison.Ordinal)),
        ["no workbook relationship"] = () => Package(new() { ["xl/workbook.xml"] = WorkbookXml }, packageRels: PackageRels.Replace("xl/workbook.xml", "xl/missing.xml", StringComparison.Ordinal)),
    };

    public static string Cell(string reference, string text) =>
        $"""<c r="{reference}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>""";

    public static string Row(int index, params string[] cells) =>
        $"""<row r="{index}">{string.Concat(cells.Select((text, column) => Cell($"{(char)('A' + column)}{index}", text)))}</row>""";

    public static string Sheet(params string[] rows) =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}"><sheetData>{string.Concat(rows)}</sheetData></worksheet>""";

    public static byte[] Workbook(string sheet, string workbook = WorkbookXml, string workbookRels = WorkbookRels) =>
        Package(new() { ["xl/workbook.xml"] = workbook, ["xl/_rels/workbook.xml.rels"] = workbookRels, ["xl/worksheets/sheet1.xml"] = sheet });

    private static byte[] Package(Dictionary<string, string> parts, string packageRels = PackageRels)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new Dictionary<string, string>(parts) { ["[Content_Types].xml"] = ContentTypes, ["_rels/.rels"] = packageRels })
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
