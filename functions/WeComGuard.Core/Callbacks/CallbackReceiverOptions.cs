namespace WeComGuard.Core.Callbacks;

/// <summary>One callback receiver as configured in the WeCom admin console: Token, EncodingAESKey and the receive id (the CorpID for self-built apps).</summary>
public sealed class CallbackReceiverOptions
{
    public string Token { get; set; } = string.Empty;

    public string EncodingAesKey { get; set; } = string.Empty;

    public string ReceiveId { get; set; } = string.Empty;

    /// <summary>Keeps the secrets out of logs and debugger displays.</summary>
    public override string ToString() => $"CallbackReceiver(ReceiveId={ReceiveId}, Token=***, EncodingAesKey=***)";
}
