using System.Buffers;
using System.Collections.Concurrent;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Turns a streamed scan's matches into findings (canonical value, mask, fingerprint, line), either as they come or on a
/// thread of its own, a window's matches at a time, so that a large file's scan does not wait for them. Either way the
/// findings are the same, in offset order: the first ones up to the list's limit, the rest only counted.
/// </summary>
internal abstract class StreamedFindings : IDisposable
{
    private readonly FindingList _findings;
    private readonly List<TextOrder> _orders = [];
    private int _furthest = -1;

    protected StreamedFindings(string source, FindingFingerprinter fingerprinter, int maxListed)
    {
        Source = source;
        Fingerprinter = fingerprinter;
        _findings = new FindingList(maxListed);
    }

    protected string Source { get; }

    protected FindingFingerprinter Fingerprinter { get; }

    public static StreamedFindings Inline(string source, FindingFingerprinter fingerprinter, int maxListed) => new InlineFindings(source, fingerprinter, maxListed);

    public static StreamedFindings OnItsOwnThread(string source, FindingFingerprinter fingerprinter, int maxListed) => new ThreadedFindings(source, fingerprinter, maxListed);

    /// <summary>One match, its written form <paramref name="raw"/>, on <paramref name="line"/>, at <paramref name="start"/> in the whole text.</summary>
    public abstract void Add(ReadOnlySpan<char> raw, SensitiveMatch match, long line, long start);

    /// <summary>The end of a window's matches.</summary>
    public virtual void EndWindow()
    {
    }

    /// <summary>The listed findings, in offset order, and the counts of those past the list.</summary>
    public virtual (List<SensitiveFinding> Listed, IReadOnlyList<FindingTally> NotListed) Complete() =>
        (InTextOrder(_findings.Listed, _orders), _findings.NotListed());

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
        var order = new TextOrder(start, match.Length, match.DetectorId);
        if (!_findings.IsFull)
        {
            _findings.Add(BuildFinding(raw, match, line));
            _orders.Add(order);
            return;
        }

        // Full: a match before the furthest listed one (an email found a window after the values that follow it) takes
        // that one's place, so the list holds the first findings in offset order, as one pass over the whole text lists them.
        if (_furthest < 0)
        {
            _furthest = IndexOfFurthest();
        }

        if (order.CompareTo(_orders[_furthest]) >= 0)
        {
            _findings.Count(match.DetectorId, match.Confidence, 1);
            return;
        }

        var evicted = _findings.Listed[_furthest];
        _findings.Count(evicted.DetectorId, evicted.Confidence, 1);
        _findings.Listed[_furthest] = BuildFinding(raw, match, line);
        _orders[_furthest] = order;
        _furthest = IndexOfFurthest();
    }

    private SensitiveFinding BuildFinding(ReadOnlySpan<char> raw, SensitiveMatch match, long line) =>
        TextFindingBuilder.Build(raw, match, Source, Fingerprinter, TextFindingBuilder.LineLocation(line));

    private int IndexOfFurthest()
    {
        var furthest = 0;
        for (var i = 1; i < _orders.Count; i++)
        {
            if (_orders[i].CompareTo(_orders[furthest]) > 0)
            {
                furthest = i;
            }
        }

        return furthest;
    }

    /// <summary>
    /// Findings in text order, as a whole-text scan lists them: an email that starts in one window but was found in the
    /// next (its '@' past the pass's stop) can come after a value found inside it in the window before.
    /// </summary>
    private static List<SensitiveFinding> InTextOrder(List<SensitiveFinding> findings, List<TextOrder> orders)
    {
        for (var i = 1; i < orders.Count; i++)
        {
            if (orders[i].CompareTo(orders[i - 1]) < 0)
            {
                var sorted = Enumerable.Range(0, findings.Count).ToArray();
                Array.Sort(sorted, (a, b) => orders[a].CompareTo(orders[b]));
                return [.. sorted.Select(k => findings[k])];
            }
        }

        return findings;
    }

    /// <summary>Where a finding's match is in the whole text, ordered as <see cref="SensitiveMatch.CompareInTextOrder(SensitiveMatch, SensitiveMatch)"/> orders matches.</summary>
    private readonly record struct TextOrder(long Start, int Length, string DetectorId) : IComparable<TextOrder>
    {
        public int CompareTo(TextOrder other) => SensitiveMatch.CompareInTextOrder(Start, Length, DetectorId, other.Start, other.Length, other.DetectorId);
    }

    private sealed class InlineFindings(string source, FindingFingerprinter fingerprinter, int maxListed) : StreamedFindings(source, fingerprinter, maxListed)
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

        public ThreadedFindings(string source, FindingFingerprinter fingerprinter, int maxListed)
            : base(source, fingerprinter, maxListed)
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

        public override (List<SensitiveFinding> Listed, IReadOnlyList<FindingTally> NotListed) Complete()
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
