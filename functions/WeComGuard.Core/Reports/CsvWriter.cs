using System.Text;

namespace WeComGuard.Core.Reports;

/// <summary>RFC 4180 CSV fields. Cells that Excel would run as formulas (<c>= + - @</c>, tab, CR) get a leading apostrophe.</summary>
internal static class CsvWriter
{
    public static void AppendRow(StringBuilder builder, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            AppendCell(builder, cell ?? string.Empty);
        }

        builder.Append("\r\n");
    }

    private static void AppendCell(StringBuilder builder, string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            builder.Append(value);
            return;
        }

        builder.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
