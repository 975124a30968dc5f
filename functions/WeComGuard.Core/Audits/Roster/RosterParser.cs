using System.Globalization;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>
/// Parses the HR roster export (CSV or XLSX) with the header
/// <c>employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date</c>.
/// Malformed rows are skipped and reported; they never stop the rest of the roster from being read.
/// </summary>
public static class RosterParser
{
    public static IReadOnlyList<string> Header { get; } =
        ["employee_id", "name", "userid", "mobile", "email", "department", "position", "status", "hire_date", "termination_date"];

    public static RosterParseResult ParseCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        // Chinese Excel saves "CSV" as GB18030/GBK: decoded as UTF-8 every name would become U+FFFD and mismatch.
        if (!TextDecoder.TryDecodeStrictly(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), out var text, out _))
        {
            throw new RosterFormatException("The roster CSV is not valid text in UTF-8, UTF-16 or GB18030; save it again as CSV UTF-8.");
        }

        var replaced = text.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (replaced >= 0)
        {
            var line = text.AsSpan(0, replaced).Count('\n') + 1;
            throw new RosterFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The roster CSV holds U+FFFD replacement characters (first on line {line}): it was damaged by an earlier conversion; export it again from the HR system."));
        }

        using var reader = new StringReader(text);
        return Parse(RosterCsvReader.Read(reader));
    }

    public static RosterParseResult ParseXlsx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // A worksheet row omits its trailing empty cells; a CSV row must have every column.
        return Parse(RosterXlsxReader.Read(stream).Select(record => record.Cells.Count >= Header.Count
            ? record
            : record with { Cells = [.. record.Cells, .. Enumerable.Repeat(string.Empty, Header.Count - record.Cells.Count)] }));
    }

    /// <summary>Parses by file name: <c>.xlsx</c> as a workbook, anything else as CSV.</summary>
    public static RosterParseResult Parse(Stream stream, string fileName) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ParseXlsx(stream) : ParseCsv(stream);

    internal static RosterParseResult Parse(IEnumerable<RosterRecord> records)
    {
        using var enumerator = records.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            throw new RosterFormatException("The roster is empty: it has no header row.");
        }

        if (enumerator.Current.SyntaxError is { } headerError)
        {
            throw new RosterFormatException($"The roster header row is malformed: {headerError}.");
        }

        var header = enumerator.Current.Cells.Select(cell => cell.Trim().ToLowerInvariant()).ToList();
        while (header.Count > Header.Count && header[^1].Length == 0)
        {
            header.RemoveAt(header.Count - 1);
        }

        if (!header.SequenceEqual(Header))
        {
            throw new RosterFormatException($"The roster header must be '{string.Join(',', Header)}'.");
        }

        var rows = new List<RosterRow>();
        var problems = new List<RosterProblem>();
        var rowByUserId = new Dictionary<string, int>(StringComparer.Ordinal);
        while (enumerator.MoveNext())
        {
            var record = enumerator.Current;
            if (record.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var (row, reason) = ToRow(record);
            if (row is not null && row.UserId is { } userId)
            {
                if (rowByUserId.TryGetValue(userId, out var first))
                {
                    (row, reason) = (null, $"duplicate userid (already on row {first})");
                }
                else
                {
                    rowByUserId[userId] = record.RowNumber;
                }
            }

            if (row is not null)
            {
                rows.Add(row);
            }
            else
            {
                problems.Add(new RosterProblem(
                    record.RowNumber,
                    reason!,
                    NullIfEmpty(Cell(record, 0)),
                    ContactMasking.MaskMobile(Cell(record, 3)),
                    ContactMasking.MaskEmail(Cell(record, 4))));
            }
        }

        return new RosterParseResult(rows, problems);
    }

    private static (RosterRow? Row, string? Reason) ToRow(RosterRecord record)
    {
        if (record.SyntaxError is not null)
        {
            return (null, record.SyntaxError);
        }

        var cells = record.Cells.ToList();
        while (cells.Count > Header.Count && string.IsNullOrWhiteSpace(cells[^1]))
        {
            cells.RemoveAt(cells.Count - 1);
        }

        if (cells.Count != Header.Count)
        {
            return (null, $"expected {Header.Count} columns, found {cells.Count}");
        }

        string? Get(int index) => index < cells.Count ? NullIfEmpty(cells[index].Trim()) : null;

        var employeeId = Get(0);
        var name = Get(1);
        var userId = Get(2);
        var mobile = Get(3);
        var email = Get(4);
        if (employeeId is null)
        {
            return (null, "employee_id is empty");
        }

        if (name is null)
        {
            return (null, "name is empty");
        }

        if (userId is null && mobile is null && email is null)
        {
            return (null, "userid, mobile and email are all empty, so the row cannot be matched to a member");
        }

        if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) <= 0 || email.EndsWith('@')))
        {
            return (null, "email is not an email address");
        }

        if (mobile is not null && RosterMatcher.NormalizeMobile(mobile).Length < 5)
        {
            return (null, "mobile is not a phone number");
        }

        RosterStatus status;
        switch (Get(7)?.ToLowerInvariant())
        {
            case "active":
                status = RosterStatus.Active;
                break;
            case "terminated":
                status = RosterStatus.Terminated;
                break;
            case null:
                return (null, "status is empty (expected active or terminated)");
            default:
                return (null, "status is neither active nor terminated");
        }

        if (!TryDate(Get(8), out var hireDate))
        {
            return (null, "hire_date is not a yyyy-MM-dd date");
        }

        if (!TryDate(Get(9), out var terminationDate))
        {
            return (null, "termination_date is not a yyyy-MM-dd date");
        }

        if (status == RosterStatus.Terminated && terminationDate is null)
        {
            return (null, "status is terminated but termination_date is empty");
        }

        return (new RosterRow(record.RowNumber, employeeId, name, userId, mobile, email, Get(5), Get(6), status, hireDate, terminationDate), null);
    }

    private static bool TryDate(string? value, out DateOnly? date)
    {
        date = null;
        if (value is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static string? Cell(RosterRecord record, int index) => index < record.Cells.Count ? record.Cells[index] : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
