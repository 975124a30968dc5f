namespace WeComGuard.Core.Audits;

/// <summary>
/// The audits' thresholds (configuration section <c>Audits</c>; app settings <c>Audits__…</c>), checked at start by
/// <see cref="AuditOptionsValidator"/>. <c>Audits__DefaultGroupNames</c> and <c>Audits__ApprovedApps</c> are comma-separated settings.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audits";

    /// <summary>account.activation-overdue: days after hire_date before a not-activated account is overdue.</summary>
    public int ActivationOverdueDays { get; set; } = 7;

    /// <summary>account.new-device-logins: new-device logins within 24 hours that raise a finding.</summary>
    public int NewDeviceLoginThreshold { get; set; } = 3;

    /// <summary>account.login-after-departure: how many days back logins are checked (at most <see cref="MemberLogLookbackDays"/>).</summary>
    public int LoginAfterDepartureDays { get; set; } = 7;

    /// <summary>group.overlap: the Jaccard similarity at or above which two groups overlap.</summary>
    public double OverlapJaccardThreshold { get; set; } = 0.8;

    /// <summary>group.overlap: groups with fewer members are not compared.</summary>
    public int OverlapMinMembers { get; set; } = 3;

    /// <summary>group.unnamed: names WeCom gives groups nobody named.</summary>
    public IReadOnlyList<string> DefaultGroupNames { get; set; } = ["群聊", "新建群聊", "未命名群聊"];

    /// <summary>file.sensitive-shared-externally: how many days of file operation records each run reads (WeCom allows 14).</summary>
    public int FileTransferLookbackDays { get; set; } = 14;

    /// <summary>admin.app-installed: approved app names, AgentIds or suite ids (setting: comma-separated).</summary>
    public IReadOnlyList<string> ApprovedApps { get; set; } = [];

    /// <summary>The admin audit: how many days of the admin operation log each run reads: WeCom keeps 180, older days come from the evidence archive.</summary>
    public int AdminLogLookbackDays { get; set; } = 30;

    /// <summary>account.wechat-rebound, account.mobile-changed: days within which the changes (or a new-device login) count as one takeover signal.</summary>
    public int AccountSignalWindowDays { get; set; } = 3;

    /// <summary>
    /// The account audit: how many days of the member operation log each run reads, the window of the account takeover and
    /// lending rules (login-banned, interop-banned, wechat-rebound, mobile-changed, name-changed): WeCom keeps 180, older
    /// days come from the evidence archive.
    /// </summary>
    public int MemberLogLookbackDays { get; set; } = 7;

    /// <summary>The handover rules: days after a departure before unassigned customers or pending groups are overdue.</summary>
    public int HandoverGraceDays { get; set; } = 3;

    /// <summary>Days of room-id files from the chat-archive exporter the group audit reads for internal groups.</summary>
    public int ArchiveRoomLookbackDays { get; set; } = 30;
}
