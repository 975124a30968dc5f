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
    private readonly JsonLines _lines = new();
    private bool _headerWritten;

    public ScanOutputWriter(Stream output, bool table, FindingConfidence minimum)
    {
        _table = table;
        _minimum = minimum;
        _buffered = new BufferedStream(output, 64 * 1024);
        _writer = new StreamWriter(_buffered, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
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
            var findings = result.Findings;
            for (var from = 0; from < findings.Count; from += FindingsPerBatch)
            {
                var count = Math.Min(FindingsPerBatch, findings.Count - from);
                if (count < ParallelFindings)
                {
                    WriteFindings(_lines, findings, from, count, _minimum, _buffered);
                    continue;
                }

                // A dense file's lines are serialized on every core, a batch at a time, and written in their order.
                var parts = Environment.ProcessorCount;
                var serialized = await Task.WhenAll(Enumerable.Range(0, parts).Select(part => Task.Run(() =>
                {
                    var start = from + (int)((long)count * part / parts);
                    var end = from + (int)((long)count * (part + 1) / parts);
                    var buffer = new MemoryStream();
                    using var lines = new JsonLines();
                    WriteFindings(lines, findings, start, end - start, _minimum, buffer);
                    return buffer;
                }, cancellationToken))).ConfigureAwait(false);
                foreach (var buffer in serialized)
                {
                    _buffered.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                }
            }

            WriteFile(result, member: false);
        }

        await _buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteFile(FileScanResult result, bool member)
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
            // Counted in "counts" but past Scanning__MaxFindingsPerFile: no line of their own. The file's lines are its
            // members' too, so only the file says how many are missing.
            if (!member && result.NotListedAtOrAbove(_minimum) is > 0 and var notListed)
            {
                writer.WriteNumber("notListed", notListed);
            }
        });
        foreach (var inner in result.Members)
        {
            WriteFile(inner, member: true);
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
            $"# {TerminalText.Escape(result.Source)}: {Name(result.Status)} {TerminalText.Escape(result.Type)}, {findings.Count} finding(s){NotListed(result.NotListedAtOrAbove(_minimum))}{(result.Reason is null ? string.Empty : " (" + TerminalText.Escape(result.Reason) + ")")}"));
    }

    private static string NotListed(int count) =>
        count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" and {count} more counted, not listed");

    public static string Name(FindingConfidence confidence) => confidence.ToString().ToLowerInvariant();

    public static string Name(FileScanStatus status) => FileScanStatusNames.Name(status);

    /// <summary>Findings per batch of lines held in memory at once when they are serialized in parallel.</summary>
    private const int FindingsPerBatch = 32 * 1024;

    /// <summary>Below this many findings the lines are serialized on the calling thread: handing them out costs more.</summary>
    private const int ParallelFindings = 4096;

    private static void WriteFindings(JsonLines lines, IReadOnlyList<SensitiveFinding> findings, int start, int count, FindingConfidence minimum, Stream destination)
    {
        for (var i = start; i < start + count; i++)
        {
            if (findings[i].Confidence < minimum)
            {
                continue;
            }

            lines.Write(findings[i], static (writer, finding) =>
            {
                writer.WriteString("source", finding.Source);
                writer.WriteString("detector", finding.DetectorId);
                writer.WriteString("confidence", Name(finding.Confidence));
                writer.WriteString("masked", finding.Masked);
                writer.WriteString("fingerprint", finding.Fingerprint);
                writer.WriteString("location", finding.Location);
            }, destination);
        }
    }

    private void WriteLine<T>(T value, Action<Utf8JsonWriter, T> write) => _lines.Write(value, write, _buffered);

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
        _lines.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _buffered.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>JSON lines serialized one at a time into a reused buffer (no string per line): one per thread.</summary>
    private sealed class JsonLines : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _line = new(1024);
        private readonly Utf8JsonWriter _json;

        public JsonLines() => _json = new Utf8JsonWriter(_line, JsonOptions);

        /// <summary>One JSON object and a newline, written into <paramref name="destination"/>.</summary>
        public void Write<T>(T value, Action<Utf8JsonWriter, T> write, Stream destination)
        {
            _line.ResetWrittenCount();
            _json.Reset(_line);
            _json.WriteStartObject();
            write(_json, value);
            _json.WriteEndObject();
            _json.Flush();

            // The relaxed encoder keeps Chinese readable and escapes controls, but writes bidi overrides raw; escaped, the
            // line is the same JSON and cannot reverse what a terminal shows after it.
            var line = _line.WrittenSpan;
            if (ContainsBidiControl(line))
            {
                line = Encoding.UTF8.GetBytes(TerminalText.EscapeBidiAsJson(Encoding.UTF8.GetString(line)));
            }

            destination.Write(line);
            destination.WriteByte((byte)'\n');
        }

        public void Dispose() => _json.Dispose();
    }
}
