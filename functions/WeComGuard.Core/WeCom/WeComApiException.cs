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
        Hint = WeComErrorCodes.HintFor(errorCode);
    }

    public string ApiPath { get; } = string.Empty;

    public int ErrorCode { get; }

    public string ErrorMessage { get; } = string.Empty;

    /// <summary>What usually causes this errcode and how to fix it, for the common ones; otherwise null.</summary>
    public string? Hint { get; }

    /// <summary>-1 (busy), 45009 (frequency limit) and 45033 (concurrency limit) go away when retried later.</summary>
    public bool IsTransient => WeComErrorCodes.IsTransient(ErrorCode);

    private static string BuildMessage(string apiPath, int errorCode, string errorMessage)
    {
        var hint = WeComErrorCodes.HintFor(errorCode);
        return $"WeCom {apiPath} failed with errcode {errorCode}: {errorMessage}" + (hint is null ? string.Empty : " Hint: " + hint);
    }
}
