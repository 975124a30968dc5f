namespace WeComGuard.Core.WeCom;

/// <summary>
/// APIs whose documented limit is below WeCom's general per-API limit: the security logs allow 600 calls a minute
/// (DOC 100178, 100179) and msgaudit/groupchat/get 2,000 (DOC 92951). The client's limiter and the sandbox both apply these.
/// </summary>
public static class WeComApiLimits
{
    public const int SecurityLogCallsPerMinute = 600;

    /// <summary>msgaudit/groupchat/get (DOC 92951).</summary>
    public const int ArchiveRoomCallsPerMinute = 2000;

    /// <summary>The documented calls per minute of <paramref name="api"/> (e.g. <c>security/admin_oper_log/list</c>), or null for the general limit.</summary>
    public static int? DocumentedPerMinute(string api) => api switch
    {
        "security/member_oper_log/list" or "security/admin_oper_log/list" => SecurityLogCallsPerMinute,
        "msgaudit/groupchat/get" => ArchiveRoomCallsPerMinute,
        _ => null,
    };
}
