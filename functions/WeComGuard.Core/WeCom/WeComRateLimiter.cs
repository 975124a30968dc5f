using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WeComGuard.Core.WeCom;

/// <summary>
/// A client-side token bucket per WeCom API path, so that WeCom Guard stays under WeCom's per-API limit instead of
/// being banned (45009) for the rest of the window.
/// </summary>
/// <remarks>
/// The bucket holds only a few tokens and refills so that a window of that length, however aligned, grants at most 99% of
/// the limit: the rest absorbs requests that arrive a little bunched.
/// </remarks>
public sealed class WeComRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RateLimiter>> _limiters = new(StringComparer.Ordinal);
    private readonly int _limit;
    private readonly TimeSpan _window;

    public WeComRateLimiter(IOptions<WeComOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limit = options.Value.RateLimitPerMinute;
        _window = options.Value.RateLimitWindow;
    }

    /// <summary>Waits until a call of <paramref name="apiPath"/> fits the limit.</summary>
    public async ValueTask AcquireAsync(string apiPath, CancellationToken cancellationToken)
    {
        if (_limit <= 0)
        {
            return;
        }

        var limiter = _limiters.GetOrAdd(apiPath, api => new Lazy<RateLimiter>(() => Create(Math.Min(_limit, WeComApiLimits.DocumentedPerMinute(api) ?? _limit)))).Value;
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The client-side rate limiter refused a call of {apiPath}.");
        }
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values.Where(l => l.IsValueCreated))
        {
            limiter.Value.Dispose();
        }
    }

    /// <summary>
    /// The bucket for <paramref name="limit"/> calls per <paramref name="window"/>: a few tokens at a time, refilled so that
    /// no window of that length, however aligned, grants more than the limit.
    /// </summary>
    internal static TokenBucketRateLimiterOptions BucketFor(int limit, TimeSpan window)
    {
        // Refill a burst every ~50 ms or more, with integer tokens per period.
        var burst = Math.Max(1, (int)Math.Ceiling(limit * 0.05 / window.TotalSeconds));
        // 1% headroom: permits granted here reach WeCom a little bunched (connection pool, scheduling), and WeCom counts arrivals.
        var allowed = limit - (limit / 100);
        // Any window can see a full bucket at its start plus every refill inside it: at most burst × (1 + refills) ≤ allowed.
        var refills = Math.Max(1, (allowed / burst) - 1);
        // Timers tick in whole milliseconds: round the period up so that a window never holds more refills than intended.
        var period = TimeSpan.FromMilliseconds(Math.Ceiling(window.TotalMilliseconds / refills));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = burst,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private TokenBucketRateLimiter Create(int limit) => new(BucketFor(limit, _window));
}
