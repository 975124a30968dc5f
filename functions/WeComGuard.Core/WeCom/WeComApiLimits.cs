namespace WeComGuard.Core.WeCom;

/// <summary>
/// APIs whose documented limit is below WeCom's general per-API limit: the security logs allow 600 calls a minute
/// (DOC 100178, 100179). The client's limiter and the sandbox both apply these.
/// </summary>
public static class WeComApiLimits
{
    public const int SecurityLogCallsPerMinute = 600;

    /// <summary>The documented calls per minute of <paramref name="api"/> (e.g. <c>security/admin_oper_log/list</c>), or null for the general limit.</summary>
    public static int? DocumentedPerMinute(string api) => api switch
    {
        "security/member_oper_log/list" or "security/admin_oper_log/list" => SecurityLogCallsPerMinute,
        _ => null,
    };
}
