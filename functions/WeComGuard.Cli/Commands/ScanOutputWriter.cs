using System.Buffers;
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

    // One buffered stream under both writers: each JSON line is written by Utf8JsonWriter into a reused buffer and copied in (no string per line),
    // and it reaches the console in 64 KB writes rather than one write per finding.
    private readonly BufferedStream _buffered;
    private readonly StreamWriter _writer;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _json;
    private bool _headerWritten;

    public ScanOutputWriter(Stream output, bool table, FindingConfidence minimum)
    {
        _table = table;
        _minimum = minimum;
        _buffered = new BufferedStream(output, 64 * 1024);
        _writer = new StreamWriter(_buffered, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        _json = new Utf8JsonWriter(_line, JsonOptions);
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
                $"{Name(finding.Confidence),-10}  {finding.DetectorId,-19}  {TerminalText.Escape(finding.Masked),-28}  {TerminalText.Escape(finding.Location),-14}  {TerminalText.Escape(finding.Source)}"));
        }

        // Names and locations come from the file's author (a zip member's name, a sheet name): never raw on a terminal.
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {TerminalText.Escape(result.Source)}: {Name(result.Status)} {TerminalText.Escape(result.Type)}, {findings.Count} finding(s){(result.Reason is null ? string.Empty : " (" + TerminalText.Escape(result.Reason) + ")")}"));
    }

    public static string Name(FindingConfidence confidence) => confidence.ToString().ToLowerInvariant();

    public static string Name(FileScanStatus status) => FileScanStatusNames.Name(status);

    /// <summary>One JSON object and a newline, written into the buffered stream.</summary>
    private void WriteLine<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        write(_json, value);
        _json.WriteEndObject();
        _json.Flush();

        // The relaxed encoder keeps Chinese readable and escapes controls, but writes bidi overrides raw; escaped, the line
        // is the same JSON and cannot reverse what a terminal shows after it.
        var line = _line.WrittenSpan;
        if (ContainsBidiControl(line))
        {
            line = Encoding.UTF8.GetBytes(TerminalText.EscapeBidiAsJson(Encoding.UTF8.GetString(line)));
        }

        _buffered.Write(line);
        _buffered.WriteByte((byte)'\n');
    }

    // U+202A–U+202E are E2 80 AA–AE in UTF-8, U+2066–U+2069 are E2 81 A6–A9.
    private static bool ContainsBidiControl(ReadOnlySpan<byte> utf8)
    {
        for (var i = utf8.IndexOf((byte)0xE2); i >= 0 && i + 2 < utf8.Length; i = NextLead(utf8, i))
        {
            var (second, third) = (utf8[i + 1], utf8[i + 2]);
            if ((second == 0x80 && third is >= 0xAA and <= 0xAE) || (second == 0x81 && third is >= 0xA6 and <= 0xA9))
            {
                return true;
            }
        }

        return false;

        static int NextLead(ReadOnlySpan<byte> utf8, int at)
        {
            var next = utf8[(at + 1)..].IndexOf((byte)0xE2);
            return next < 0 ? -1 : at + 1 + next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _buffered.DisposeAsync().ConfigureAwait(false);
    }
}
