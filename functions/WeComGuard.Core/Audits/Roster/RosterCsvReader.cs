using System.Text;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>Reads RFC 4180 CSV records (quoted fields may hold commas, quotes and line breaks), with their starting line numbers.</summary>
internal static class RosterCsvReader
{
    public static IEnumerable<RosterRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        var quotedError = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case '"':
                    // A quote inside an unquoted field: keep it, but the record is malformed.
                    quotedError = true;
                    field.Append(c);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return new RosterRecord(recordLine, [.. fields], quotedError ? "a quote appears inside an unquoted field" : null);
                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    quotedError = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (inQuotes)
        {
            fields.Add(field.ToString());
            yield return new RosterRecord(recordLine, [.. fields], "a quoted field is not closed before the end of the file");
        }
        else if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new RosterRecord(recordLine, [.. fields], quotedError ? "a quote appears inside an unquoted field" : null);
        }
    }
}
