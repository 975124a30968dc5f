namespace WeComGuard.Sandbox.Callbacks;

/// <summary>Where and how the sandbox delivers callbacks: the URL and the app's Token/EncodingAESKey, and WeCom's retry behaviour.</summary>
public sealed class CallbackSenderOptions
{
    public required Uri CallbackUrl { get; init; }

    public required string Token { get; init; }

    public required string EncodingAesKey { get; init; }

    /// <summary>The corp id for a self-built app.</summary>
    public required string ReceiveId { get; init; }

    public string AgentId { get; init; } = "1000002";

    /// <summary>WeCom retries a delivery that did not get HTTP 200 within 5 s, three times in all.</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
