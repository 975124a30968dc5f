using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Cli.Commands;

/// <summary>Writes scan results as JSON lines (one object per finding, then one per file and archive member) or as a table.</summary>
internal sealed class ScanOutputWriter(Stream output, bool table, FindingConfidence minimum) : IAsyncDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false)) { NewLine = "\n" };
    private bool _headerWritten;

    public async Task WriteAsync(FileScanResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Findings.Where(f => f.Confidence >= minimum).ToList();
        if (table)
        {
            WriteTable(result, findings);
        }
        else
        {
            foreach (var finding in findings)
            {
                await _writer.WriteLineAsync(Json(writer =>
                {
                    writer.WriteString("source", finding.Source);
                    writer.WriteString("detector", finding.DetectorId);
                    writer.WriteString("confidence", Name(finding.Confidence));
                    writer.WriteString("masked", finding.Masked);
                    writer.WriteString("fingerprint", finding.Fingerprint);
                    writer.WriteString("location", finding.Location);
                })).ConfigureAwait(false);
            }

            await WriteFileAsync(result).ConfigureAwait(false);
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteFileAsync(FileScanResult result)
    {
        await _writer.WriteLineAsync(Json(writer =>
        {
            writer.WriteString("kind", "file");
            writer.WriteString("source", result.Source);
            writer.WriteString("sha256", result.Sha256);
            writer.WriteString("md5", result.Md5);
            writer.WriteNumber("size", result.Size);
            writer.WriteString("type", result.Type);
            writer.WriteString("status", Name(result.Status));
            if (result.Reason is not null)
            {
                writer.WriteString("reason", result.Reason);
            }

            writer.WriteStartObject("counts");
            foreach (var (detector, count) in result.CountsAtOrAbove(minimum))
            {
                writer.WriteNumber(detector, count);
            }

            writer.WriteEndObject();
        })).ConfigureAwait(false);
        foreach (var member in result.Members)
        {
            await WriteFileAsync(member).ConfigureAwait(false);
        }
    }

    private void WriteTable(FileScanResult result, List<SensitiveFinding> findings)
    {
        if (!_headerWritten)
        {
            _writer.WriteLine("CONFIDENCE  DETECTOR             MASKED                        LOCATION        SOURCE");
            _headerWritten = true;
        }

        foreach (var finding in findings)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name(finding.Confidence),-10}  {finding.DetectorId,-19}  {TerminalText.Escape(finding.Masked),-28}  {TerminalText.Escape(finding.Location),-14}  {TerminalText.Escape(finding.Source)}"));
        }

        // Names and locations come from the file's author (a zip member's name, a sheet name): never raw on a terminal.
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {TerminalText.Escape(result.Source)}: {Name(result.Status)} {TerminalText.Escape(result.Type)}, {findings.Count} finding(s){(result.Reason is null ? string.Empty : " (" + TerminalText.Escape(result.Reason) + ")")}"));
    }

    public static string Name(FindingConfidence confidence) => confidence.ToString().ToLowerInvariant();

    public static string Name(FileScanStatus status) => FileScanStatusNames.Name(status);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        // The relaxed encoder keeps Chinese readable and escapes controls, but writes bidi overrides raw; escaped, the line
        // is the same JSON and cannot reverse what a terminal shows after it.
        return TerminalText.EscapeBidiAsJson(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
