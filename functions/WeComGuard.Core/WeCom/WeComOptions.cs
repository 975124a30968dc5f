namespace WeComGuard.Core.WeCom;

/// <summary>
/// How WeCom Guard reaches WeCom's server API: settings <c>WeCom__ApiBaseUrl</c>, <c>WeCom__CorpId</c>, the per-app
/// secrets, <c>WeCom__AppAgentId</c>, <c>WeCom__RateLimitPerMinute</c> and <c>WeCom__MaxPagesPerListing</c>; the retry and
/// timeout knobs are set in code.
/// </summary>
public sealed class WeComOptions
{
    public const string SectionName = "WeCom";
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";

    /// <summary>WeCom or a proxy with a fixed egress IP (可信IP); tests point it at the sandbox.</summary>
    public Uri ApiBaseUrl { get; set; } = new(DefaultApiBaseUrl);

    public string CorpId { get; set; } = string.Empty;

    /// <summary>通讯录同步 secret: department and member reads (user/list_id needs it).</summary>
    public string ContactsSecret { get; set; } = string.Empty;

    /// <summary>客户联系 secret: customer groups and handover.</summary>
    public string CustomerContactSecret { get; set; } = string.Empty;

    /// <summary>The secret of the app listed in 安全管理's 可调用接口的应用.</summary>
    public string SecuritySecret { get; set; } = string.Empty;

    /// <summary>The 会话内容存档 (chat archive) secret: msgaudit/groupchat/get and msgaudit/get_permit_user_list.</summary>
    public string ArchiveSecret { get; set; } = string.Empty;

    /// <summary>WeCom Guard's own self-built app: message/send, appchat/get, media/get; also the fallback for an empty secret above.</summary>
    public string AppSecret { get; set; } = string.Empty;

    public int AppAgentId { get; set; }

    /// <summary>True when a corp id and at least the app secret are set; without them nothing calls WeCom.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CorpId) && !string.IsNullOrWhiteSpace(AppSecret + ContactsSecret + CustomerContactSecret + SecuritySecret + ArchiveSecret);

    /// <summary>Client-side limit per API path (WeCom allows 10,000 calls per minute per corp per API).</summary>
    public int RateLimitPerMinute { get; set; } = 10_000;

    /// <summary>The window <see cref="RateLimitPerMinute"/> applies to; one minute except in tests.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retries after the first attempt, for -1, 45009, 45033, HTTP 5xx and timeouts.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>One HTTP attempt, from sending the request to the last byte of a JSON answer (a stalled media read too).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most pages one listing (one cursor chain) may take before it is stopped as not ending.</summary>
    public int MaxPagesPerListing { get; set; } = 10_000;

    /// <summary>Media larger than this is fetched in Range chunks of this size (WeCom answers 830002 above 20 MB).</summary>
    public int MediaChunkBytes { get; set; } = 20 * 1024 * 1024;
}
