namespace WeComGuard.Core.WeCom;

/// <summary>WeCom answered an API call with a non-zero errcode that retrying will not fix.</summary>
public sealed class WeComApiException : Exception
{
    public WeComApiException()
    {
    }

    public WeComApiException(string message)
        : base(message)
    {
    }

    public WeComApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeComApiException(string apiPath, int errorCode, string errorMessage)
        : base(BuildMessage(apiPath, errorCode, errorMessage))
    {
        ApiPath = apiPath;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Hint = HintFor(errorCode);
    }

    public string ApiPath { get; } = string.Empty;

    public int ErrorCode { get; }

    public string ErrorMessage { get; } = string.Empty;

    /// <summary>What usually causes this errcode and how to fix it, for the common ones; otherwise null.</summary>
    public string? Hint { get; }

    /// <summary>-1 (busy), 45009 (frequency limit) and 45033 (concurrency limit) go away when retried later.</summary>
    public bool IsTransient => ErrorCode is -1 or 45009 or 45033;

    public static string? HintFor(int errorCode) => errorCode switch
    {
        40001 => "The secret is wrong, was reset, or its app is disabled: check the WeCom__*Secret settings.",
        40013 => "The corp id is wrong: check WeCom__CorpId.",
        48002 => "The app may not call this API: add it to the feature's 可调用接口的应用 (客户联系 or 安全管理), or give it the root department as visible range for appchat.",
        60011 => "The member, department or group is outside the app's visible range: widen the app's 可见范围.",
        60020 => "WeCom Guard's egress IP is not in the app's 企业可信IP list (changes take about a minute to apply).",
        81017 => "Too many items for one call: filter by owner.",
        301002 => "The access token belongs to another app: use that app's secret.",
        _ => null,
    };

    private static string BuildMessage(string apiPath, int errorCode, string errorMessage)
    {
        var hint = HintFor(errorCode);
        return $"WeCom {apiPath} failed with errcode {errorCode}: {errorMessage}" + (hint is null ? string.Empty : " Hint: " + hint);
    }
}
