namespace WeComGuard.Core.WeCom;

/// <summary>Applies <see cref="WeComRateLimiter"/> to every HTTP attempt (retries included) by API path.</summary>
internal sealed class WeComRateLimitHandler(WeComRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        await limiter.AcquireAsync(WeComApiClient.ApiName(path), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
