namespace WeComGuard.Core.Callbacks;

/// <summary>The query parameters WeCom signs a callback with. <see cref="EchoStr"/> is set on URL verification (GET) only.</summary>
public sealed record CallbackQuery(string? MsgSignature, string? Timestamp, string? Nonce, string? EchoStr)
{
    /// <summary>Reads the parameters from any query-string source (ASP.NET Core's IQueryCollection, a parsed URL...).</summary>
    public static CallbackQuery From(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new CallbackQuery(get("msg_signature"), get("timestamp"), get("nonce"), get("echostr"));
    }
}
