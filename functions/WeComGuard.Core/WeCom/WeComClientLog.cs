using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.WeCom;

/// <summary>The WeCom API client (EventIds 2000-2099). Never the token or a secret: the API path and errcode only.</summary>
internal static partial class WeComClientLog
{
    [LoggerMessage(EventId = 2000, EventName = "WeComRetry", Level = LogLevel.Warning, Message = "WeCom {Api} answered errcode {ErrCode}; retry {Attempt} in {Delay}.")]
    public static partial void Retry(this ILogger logger, string api, int errCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2001, EventName = "WeComTokenRefused", Level = LogLevel.Information, Message = "WeCom {Api} refused the access token (errcode {ErrCode}); fetching a new one.")]
    public static partial void TokenRefused(this ILogger logger, string api, int errCode);

    [LoggerMessage(EventId = 2002, EventName = "WeComTokenFetched", Level = LogLevel.Information, Message = "Fetched a WeCom access token for {Credential} calls, valid for {Seconds} s.")]
    public static partial void TokenFetched(this ILogger logger, WeComCredential credential, int seconds);
}
