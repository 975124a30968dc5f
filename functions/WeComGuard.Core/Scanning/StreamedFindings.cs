using System.Buffers;
using System.Collections.Concurrent;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Turns a streamed scan's matches into findings (canonical value, mask, fingerprint, line), either as they come or on a
/// thread of its own, a window's matches at a time, so that a large file's scan does not wait for them. Either way the
/// findings are the same, in the order the matches came.
/// </summary>
internal abstract class StreamedFindings : IDisposable
{
    private readonly List<SensitiveFinding> _findings = [];
    private readonly List<long> _starts = [];

    protected StreamedFindings(string source, FindingFingerprinter fingerprinter)
    {
        Source = source;
        Fingerprinter = fingerprinter;
    }

    protected string Source { get; }

    protected FindingFingerprinter Fingerprinter { get; }

    public static StreamedFindings Inline(string source, FindingFingerprinter fingerprinter) => new InlineFindings(source, fingerprinter);

    public static StreamedFindings OnItsOwnThread(string source, FindingFingerprinter fingerprinter) => new ThreadedFindings(source, fingerprinter);

    /// <summary>One match, its written form <paramref name="raw"/>, on <paramref name="line"/>, at <paramref name="start"/> in the whole text.</summary>
    public abstract void Add(ReadOnlySpan<char> raw, SensitiveMatch match, long line, long start);

    /// <summary>The end of a window's matches.</summary>
    public virtual void EndWindow()
    {
    }

    /// <summary>Every finding, in offset order.</summary>
    public virtual List<SensitiveFinding> Complete() => InOffsetOrder(_findings, _starts);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected void Build(ReadOnlySpan<char> raw, SensitiveMatch match, long line, long start)
    {
        TextFindingBuilder.AddFinding(raw, match, Source, Fingerprinter, TextFindingBuilder.LineLocation(line), _findings);
        _starts.Add(start);
    }

    /// <summary>
    /// Findings in offset order, as a whole-text scan lists them: an email that starts in one window but was found in the
    /// next (its '@' past the pass's stop) can come after a value found inside it in the window before.
    /// </summary>
    private static List<SensitiveFinding> InOffsetOrder(List<SensitiveFinding> findings, List<long> starts)
    {
        for (var i = 1; i < starts.Count; i++)
        {
            if (starts[i] < starts[i - 1])
            {
                var order = Enumerable.Range(0, findings.Count).OrderBy(k => starts[k]).ToList();
                return order.ConvertAll(k => findings[k]);
            }
        }

        return findings;
    }

    private sealed class InlineFindings(string source, FindingFingerprinter fingerprinter) : StreamedFindings(source, fingerprinter)
    {
        public override void Add(ReadOnlySpan<char> raw, SensitiveMatch match, long line, long start) => Build(raw, match, line, start);
    }

    /// <summary>
    /// A window's matches with copies of their written forms, handed to the building thread as one batch (the window they
    /// point into moves on). A few batches may wait; the scan waits when more would.
    /// </summary>
    private sealed class ThreadedFindings : StreamedFindings
    {
        private readonly BlockingCollection<MatchBatch> _batches = new(boundedCapacity: 8);
        private readonly CancellationTokenSource _failed = new();
        private readonly Task _building;
        private MatchBatch _current = new();

        public ThreadedFindings(string source, FindingFingerprinter fingerprinter)
            : base(source, fingerprinter)
        {
            _building = Task.Factory.StartNew(BuildBatches, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public override void Add(ReadOnlySpan<char> raw, SensitiveMatch match, long line, long start) => _current.Add(raw, match, line, start);

        public override void EndWindow()
        {
            if (_current.Entries.Count == 0)
            {
                return;
            }

            try
            {
                _batches.Add(_current, _failed.Token);
            }
            catch (OperationCanceledException) when (_failed.IsCancellationRequested)
            {
                _building.GetAwaiter().GetResult();
            }

            _current = new MatchBatch();
        }

        public override List<SensitiveFinding> Complete()
        {
            EndWindow();
            _batches.CompleteAdding();
            _building.GetAwaiter().GetResult();
            return base.Complete();
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (!disposing)
            {
                return;
            }

            // A scan that stopped early (time limit, not UTF-8 after all) leaves the building thread nothing more to do.
            if (!_batches.IsAddingCompleted)
            {
                _batches.CompleteAdding();
            }

            try
            {
                _building.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Surfaced by Complete when the scan gets that far.
            }

            _batches.Dispose();
            _failed.Dispose();
        }

        private void BuildBatches()
        {
            try
            {
                foreach (var batch in _batches.GetConsumingEnumerable())
                {
                    var raw = batch.Raw.WrittenSpan;
                    foreach (var (match, rawStart, line, start) in batch.Entries)
                    {
                        Build(raw.Slice(rawStart, match.Length), match, line, start);
                    }
                }
            }
            catch
            {
                _failed.Cancel();
                throw;
            }
        }
    }

    private sealed class MatchBatch
    {
        public ArrayBufferWriter<char> Raw { get; } = new();

        public List<(SensitiveMatch Match, int RawStart, long Line, long Start)> Entries { get; } = [];

        public void Add(ReadOnlySpan<char> raw, SensitiveMatch match, long line, long start)
        {
            Entries.Add((match, Raw.WrittenCount, line, start));
            Raw.Write(raw);
        }
    }
}
