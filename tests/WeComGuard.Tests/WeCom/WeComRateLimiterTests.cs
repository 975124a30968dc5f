using WeComGuard.Core.WeCom;

namespace WeComGuard.Tests.WeCom;

public sealed class WeComRateLimiterTests
{
    // A token bucket grants, in any window, the tokens it holds at the window's start plus every refill inside it.
    // That worst case is what WeCom's fixed per-minute counter can see, whatever the scheduling, so it must fit the limit.
    [Fact]
    public void No_window_however_aligned_is_granted_more_than_the_limit()
    {
        var limits = Enumerable.Range(2, 1200).Concat([2000, 10_000, 20_000]);
        var windows = new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1) };

        var over = (from window in windows
                    from limit in limits
                    let bucket = WeComRateLimiter.BucketFor(limit, window)
                    let refills = (int)Math.Ceiling(window.TotalMilliseconds / bucket.ReplenishmentPeriod.TotalMilliseconds)
                    let worstCase = bucket.TokenLimit + (bucket.TokensPerPeriod * refills)
                    where worstCase > limit
                    select $"{limit}/{window.TotalSeconds}s: up to {worstCase}").ToList();

        Assert.Empty(over);
    }

    [Theory]
    [InlineData(600, 60)]
    [InlineData(10_000, 60)]
    [InlineData(600, 1)]
    [InlineData(150, 1)]
    public void The_sustained_rate_stays_close_to_the_limit(int limit, int windowSeconds)
    {
        var window = TimeSpan.FromSeconds(windowSeconds);
        var bucket = WeComRateLimiter.BucketFor(limit, window);

        var sustained = bucket.TokensPerPeriod * Math.Floor(window.TotalMilliseconds / bucket.ReplenishmentPeriod.TotalMilliseconds);

        Assert.InRange(sustained, limit * 0.85, limit);
    }
}
