namespace WeComGuard.Core.WeCom;

/// <summary>
/// Reads each answer's whole body inside the resilience pipeline, so that the per-attempt timeout covers a body that
/// trickles in (not only the headers) and a connection cut mid-body is retried like any other transport failure.
/// Media downloads opt out with <see cref="StreamResponse"/> and guard their reads themselves.
/// </summary>
internal sealed class WeComBufferingHandler : DelegatingHandler
{
    /// <summary>Set on a request whose answer is streamed to its destination instead of buffered.</summary>
    public static readonly HttpRequestOptionsKey<bool> StreamResponse = new("WeComGuard.StreamResponse");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(StreamResponse, out var stream) && stream)
        {
            return response;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
