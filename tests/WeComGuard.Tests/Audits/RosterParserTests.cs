using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Tests.Audits;

public sealed class RosterParserTests
{
    private const string Header = "employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date";

    private static RosterParseResult ParseCsv(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        return RosterParser.ParseCsv(new MemoryStream(bytes));
    }

    [Fact]
    public void Parses_valid_rows_with_quotes_bom_and_chinese()
    {
        var result = ParseCsv(
            Header + "\r\n" +
            "E001,张三,zhangsan,13800000001,zhang@example.com,\"销售部, 华东\",销售经理,active,2024-03-01,\r\n" +
            "E002,\"李 \"\"四\"\"\",,13800000002,,研发部,工程师,terminated,2020-01-01,2026-11-20\r\n",
            bom: true);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Rows.Count);
        var first = result.Rows[0];
        Assert.Equal(("E001", "张三", "zhangsan", "销售部, 华东", RosterStatus.Active), (first.EmployeeId, first.Name, first.UserId, first.Department, first.Status));
        Assert.Equal(new DateOnly(2024, 3, 1), first.HireDate);
        Assert.Null(first.TerminationDate);
        Assert.Equal(2, first.RowNumber);
        var second = result.Rows[1];
        Assert.Equal("李 \"四\"", second.Name);
        Assert.Null(second.UserId);
        Assert.Equal(new DateOnly(2026, 11, 20), second.TerminationDate);
        Assert.Equal(3, second.RowNumber);
    }

    [Fact]
    public void Broken_rows_are_reported_with_row_number_and_masked_contacts_and_skipped()
    {
        var result = ParseCsv(string.Join('\n',
            Header,
            "E001,张三,zhangsan,13800000001,zhang@example.com,销售部,经理,active,2024-03-01,",
            "E002,李四,lisi,13912345678,lisi@example.com,销售部,经理,retired,2024-03-01,",
            "E003,王五,wangwu,,,销售部,经理,active,2024/03/01,",
            "E004,赵六,zhaoliu,,,销售部,经理,terminated,2024-03-01,",
            "E005,孙七,,,,销售部,经理,active,2024-03-01,",
            "E006,周八,zhouba,,,销售部",
            "E007,吴九,zhangsan,,,销售部,经理,active,2024-03-01,",
            ",郑十,zhengshi,,,销售部,经理,active,2024-03-01,",
            "E009,钱一,qianyi,,not-an-email,销售部,经理,active,2024-03-01,",
            "E010,陈二,chener,,,销售部,经理,active,2024-03-01,",
            ""));

        Assert.Equal(["zhangsan", "chener"], result.Rows.Select(row => row.UserId!).ToArray());
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], result.Problems.Select(problem => problem.RowNumber).ToArray());
        Assert.Contains("status", result.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("hire_date", result.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("termination_date", result.Problems[2].Reason, StringComparison.Ordinal);
        Assert.Contains("cannot be matched", result.Problems[3].Reason, StringComparison.Ordinal);
        Assert.Contains("columns", result.Problems[4].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate userid (already on row 2)", result.Problems[5].Reason, StringComparison.Ordinal);
        Assert.Contains("employee_id", result.Problems[6].Reason, StringComparison.Ordinal);
        Assert.Contains("email", result.Problems[7].Reason, StringComparison.Ordinal);

        var retired = result.Problems[0];
        Assert.Equal("E002", retired.EmployeeId);
        Assert.Equal("139****5678", retired.MaskedMobile);
        Assert.Equal("l***@example.com", retired.MaskedEmail);
        var everything = string.Join(' ', result.Problems.Select(problem => $"{problem.Reason} {problem.MaskedMobile} {problem.MaskedEmail}"));
        Assert.DoesNotContain("13912345678", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("lisi@example.com", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_and_rows_before_it_are_kept()
    {
        var result = ParseCsv(Header + "\nE001,张三,zhangsan,,,销售部,经理,active,2024-03-01,\nE002,\"李四,lisi,,,销售部,经理,active,2024-03-01,\n");

        Assert.Single(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.RowNumber);
        Assert.Contains("quoted field", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_header_makes_the_whole_roster_unusable()
    {
        var error = Assert.Throws<RosterFormatException>(() => ParseCsv("id,name\n1,张三\n"));
        Assert.Contains("employee_id,name,userid", error.Message, StringComparison.Ordinal);
        Assert.Throws<RosterFormatException>(() => ParseCsv(string.Empty));
    }

    [Fact]
    public void Parses_xlsx_with_shared_strings_date_cells_and_omitted_trailing_cells()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(new SharedStringItem(new Text("张三")));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, [.. RosterParser.Header.Select(Inline)]));
            data.Append(Row(2,
                Inline("E001"), new Cell { DataType = CellValues.SharedString, CellValue = new CellValue("0") }, Inline("zhangsan"),
                Inline("13800000001"), Inline("zhang@example.com"), Inline("销售部"), Inline("经理"), Inline("active"),
                new Cell { StyleIndex = 1, CellValue = new CellValue(new DateTime(2024, 3, 1).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)) }));
            data.Append(Row(3, Inline("E002"), Inline("李四"), Inline("lisi"), Inline(""), Inline(""), Inline("研发部"), Inline("工程师"), Inline("fired")));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "roster" }));
            workbook.Workbook.Save();
        }

        stream.Position = 0;
        var result = RosterParser.Parse(stream, "roster.xlsx");

        var row = Assert.Single(result.Rows);
        Assert.Equal(("E001", "张三", "zhangsan"), (row.EmployeeId, row.Name, row.UserId));
        Assert.Equal(new DateOnly(2024, 3, 1), row.HireDate);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.RowNumber);

        static Row Row(uint index, params Cell[] cells)
        {
            var row = new Row { RowIndex = index };
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].CellReference = $"{(char)('A' + i)}{index}";
                row.Append(cells[i]);
            }

            return row;
        }

        static Cell Inline(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
    }

    [Fact]
    public void Not_an_xlsx_file_is_a_format_error()
    {
        Assert.Throws<RosterFormatException>(() => RosterParser.Parse(new MemoryStream([1, 2, 3, 4]), "roster.xlsx"));
    }

    [Fact]
    public void Matches_by_userid_then_mobile_then_email()
    {
        var rows = ParseCsv(string.Join('\n',
            Header,
            "E1,甲,jia,13800000001,jia@example.com,A,P,active,2024-01-01,",
            "E2,乙,,+86 138-0000-0002,,A,P,active,2024-01-01,",
            "E3,丙,,,Bing@Example.com,A,P,active,2024-01-01,")).Rows;
        var matcher = new RosterMatcher(rows, AuditTestData.Contacts);

        Assert.Equal("E1", matcher.Match(Member("jia", mobile: "13800000002"))?.EmployeeId);
        Assert.Equal("E2", matcher.Match(Member("someone", mobile: "13800000002", email: "jia@example.com"))?.EmployeeId);
        Assert.Equal("E3", matcher.Match(Member("other", email: " bing@example.COM"))?.EmployeeId);
        Assert.Null(matcher.Match(Member("nobody", mobile: "13800000009", email: "x@example.com")));
    }

    private static AuditMember Member(string userId, string? mobile = null, string? email = null) =>
        new(userId, "n", null, AuditTestData.Contacts.Mobile(mobile), AuditTestData.Contacts.Email(email), 1, AvatarState.Present, []);
}
