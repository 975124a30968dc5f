using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Cli.Commands;

/// <summary>Writes scan results as JSON lines (one object per finding, then one per file and archive member) or as a table.</summary>
internal sealed class ScanOutputWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly bool _table;
    private readonly FindingConfidence _minimum;

    // One buffered stream under both writers: JSON lines go straight from Utf8JsonWriter into it (no string per line),
    // and it reaches the console in 64 KB writes rather than one write per finding.
    private readonly BufferedStream _buffered;
    private readonly StreamWriter _writer;
    private readonly Utf8JsonWriter _json;
    private bool _headerWritten;

    public ScanOutputWriter(Stream output, bool table, FindingConfidence minimum)
    {
        _table = table;
        _minimum = minimum;
        _buffered = new BufferedStream(output, 64 * 1024);
        _writer = new StreamWriter(_buffered, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        _json = new Utf8JsonWriter(_buffered, JsonOptions);
    }

    public async Task WriteAsync(FileScanResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_table)
        {
            WriteTable(result, result.Findings.Where(f => f.Confidence >= _minimum).ToList());
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var finding in result.Findings)
            {
                if (finding.Confidence < _minimum)
                {
                    continue;
                }

                WriteLine(finding, static (writer, finding) =>
                {
                    writer.WriteString("source", finding.Source);
                    writer.WriteString("detector", finding.DetectorId);
                    writer.WriteString("confidence", Name(finding.Confidence));
                    writer.WriteString("masked", finding.Masked);
                    writer.WriteString("fingerprint", finding.Fingerprint);
                    writer.WriteString("location", finding.Location);
                });
            }

            WriteFile(result);
        }

        await _buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteFile(FileScanResult result)
    {
        WriteLine(result, (writer, result) =>
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
            foreach (var (detector, count) in result.CountsAtOrAbove(_minimum))
            {
                writer.WriteNumber(detector, count);
            }

            writer.WriteEndObject();
        });
        foreach (var member in result.Members)
        {
            WriteFile(member);
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
                $"{Name(finding.Confidence),-10}  {finding.DetectorId,-19}  {finding.Masked,-28}  {finding.Location,-14}  {finding.Source}"));
        }

        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {result.Source}: {Name(result.Status)} {result.Type}, {findings.Count} finding(s){(result.Reason is null ? string.Empty : " (" + result.Reason + ")")}"));
    }

    public static string Name(FindingConfidence confidence) => confidence.ToString().ToLowerInvariant();

    public static string Name(FileScanStatus status) => FileScanStatusNames.Name(status);

    /// <summary>One JSON object and a newline, written into the buffered stream.</summary>
    private void WriteLine<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        _json.Reset(_buffered);
        _json.WriteStartObject();
        write(_json, value);
        _json.WriteEndObject();
        _json.Flush();
        _buffered.WriteByte((byte)'\n');
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _buffered.DisposeAsync().ConfigureAwait(false);
    }
}
