namespace WeComGuard.Core.Hosting;

/// <summary>
/// Every app setting WeCom Guard reads, in the app-settings form (<c>__</c> for a configuration section). The Bicep
/// templates set these, and the infrastructure tests check that template and code agree: add a setting here when code
/// starts reading it.
/// </summary>
public static class SettingNames
{
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>Per callback receiver {app}: <c>WeCom__Callbacks__{app}__Token</c>, <c>__EncodingAesKey</c>, <c>__ReceiveId</c>.</summary>
    public const string CallbackReceiverPrefix = "WeCom__Callbacks__";

    public const string CallbackMaxSkewSeconds = "WeCom__CallbackMaxSkewSeconds";

    public const string WeComApiBaseUrl = "WeCom__ApiBaseUrl";
    public const string WeComCorpId = "WeCom__CorpId";
    public const string WeComContactsSecret = "WeCom__ContactsSecret";
    public const string WeComCustomerContactSecret = "WeCom__CustomerContactSecret";
    public const string WeComSecuritySecret = "WeCom__SecuritySecret";

    /// <summary>会话内容存档 secret: internal groups (msgaudit/groupchat/get) and the archive's permit list.</summary>
    public const string WeComArchiveSecret = "WeCom__ArchiveSecret";
    public const string WeComAppSecret = "WeCom__AppSecret";
    public const string WeComAppAgentId = "WeCom__AppAgentId";
    public const string WeComRateLimitPerMinute = "WeCom__RateLimitPerMinute";

    /// <summary>Most pages one WeCom listing may take before it is stopped as not ending (default 10,000).</summary>
    public const string WeComMaxPagesPerListing = "WeCom__MaxPagesPerListing";

    /// <summary>Comma-separated userids that receive WeCom messages about sensitive files and audit runs; empty = no messages.</summary>
    public const string SecurityTeamUserIds = "Notifications__SecurityTeamUserIds";

    /// <summary>Userids of the IT admins who are nudged about account and handover findings; empty = the security team.</summary>
    public const string NotificationsItUserIds = "Notifications__ItUserIds";

    /// <summary>Days a finding stays open before its nudge also goes to the responsible person's direct leader (default 3).</summary>
    public const string NotificationsEscalationDays = "Notifications__EscalationDays";

    /// <summary><c>HH:mm-HH:mm</c> China time in which no nudge is sent (default 21:00-08:00).</summary>
    public const string NotificationsQuietHours = "Notifications__QuietHours";

    /// <summary>NCRONTAB (UTC) of the nudge job SendNudges (hourly by default; quiet hours are skipped).</summary>
    public const string NudgeSchedule = "NudgeSchedule";

    /// <summary>True lets approved actions change WeCom; false (default) records them as dry runs.</summary>
    public const string RemediationEnabled = "Remediation__Enabled";

    /// <summary>Days a waiver approved from a security team card lasts (default 30).</summary>
    public const string RemediationWaiverDays = "Remediation__WaiverDays";

    /// <summary>Who takes over a departed owner's customer groups when WeCom names no direct leader; empty = refuse.</summary>
    public const string RemediationDefaultTakeoverUserId = "Remediation__DefaultTakeoverUserId";

    /// <summary>The nightly chain: directory sync, then the account and group audits on the reconciled mirror.</summary>
    public const string DirectorySyncSchedule = "DirectorySyncSchedule";
    public const string FileTransferAuditSchedule = "FileTransferAuditSchedule";
    public const string AdminAuditSchedule = "AdminAuditSchedule";
    public const string HandoverAuditSchedule = "HandoverAuditSchedule";

    /// <summary>NCRONTAB of the event sweeper (SweepWeComEvents), which queues records stuck in <c>received</c>.</summary>
    public const string EventSweepSchedule = "EventSweepSchedule";

    /// <summary>Minutes a record may stay <c>received</c> before the sweeper queues it again (default 10).</summary>
    public const string EventStuckAfterMinutes = "Events__StuckAfterMinutes";

    /// <summary>Concurrent WeCom calls of the nightly directory sync (default 16; the rate limiter paces them).</summary>
    public const string DirectorySyncApiParallelism = "DirectorySync__ApiParallelism";

    /// <summary>Audit thresholds (section <c>Audits</c>, read by <c>AuditOptions</c>).</summary>
    public const string AuditActivationOverdueDays = "Audits__ActivationOverdueDays";
    public const string AuditNewDeviceLoginThreshold = "Audits__NewDeviceLoginThreshold";
    public const string AuditLoginAfterDepartureDays = "Audits__LoginAfterDepartureDays";
    public const string AuditOverlapJaccardThreshold = "Audits__OverlapJaccardThreshold";
    public const string AuditOverlapMinMembers = "Audits__OverlapMinMembers";

    /// <summary>Comma-separated group names that count as "unnamed" (default 群聊, 新建群聊, 未命名群聊).</summary>
    public const string AuditDefaultGroupNames = "Audits__DefaultGroupNames";
    public const string AuditFileTransferLookbackDays = "Audits__FileTransferLookbackDays";

    /// <summary>Comma-separated app names, AgentIds or suite ids that admin.app-installed treats as approved.</summary>
    public const string AuditApprovedApps = "Audits__ApprovedApps";
    public const string AuditAdminLogLookbackDays = "Audits__AdminLogLookbackDays";
    public const string AuditAccountSignalWindowDays = "Audits__AccountSignalWindowDays";
    public const string AuditMemberLogLookbackDays = "Audits__MemberLogLookbackDays";
    public const string AuditHandoverGraceDays = "Audits__HandoverGraceDays";

    /// <summary>Days of the chat-archive exporter's room-id files (<c>chat-archive/rooms/{yyyy}/{MM}/{dd}.jsonl</c>) the group audit reads (default 30).</summary>
    public const string AuditArchiveRoomLookbackDays = "Audits__ArchiveRoomLookbackDays";

    public const string ScanningFingerprintKey = "Scanning__FingerprintKey";

    /// <summary>Largest file scanned, in bytes (default 100 MB); larger files are recorded as failed.</summary>
    public const string ScanningMaxFileBytes = "Scanning__MaxFileBytes";

    /// <summary>Wall-clock limit per scanned file, in seconds (default 120).</summary>
    public const string ScanningTimeLimitSeconds = "Scanning__TimeLimitSeconds";

    /// <summary>
    /// Memory one file's scan may hold, in bytes (default 384 MB). host.json's queue concurrency (batchSize +
    /// newBatchThreshold) times this must fit the instance memory with room for the runtime (docs/operations.md).
    /// </summary>
    public const string ScanningMaxMemoryBytes = "Scanning__MaxMemoryBytes";

    /// <summary>Most bytes one PDF stream may decompress to (default 64 MB).</summary>
    public const string ScanningMaxPdfStreamBytes = "Scanning__MaxPdfStreamBytes";

    /// <summary>Keep equal to host.json's queues maxDequeueCount (5): the attempt on which a failing file is recorded as failed.</summary>
    public const string ScanningMaxDequeueCount = "Scanning__MaxDequeueCount";

    public const string LanguageEndpoint = "Language__Endpoint";
    public const string LanguageApiVersion = "Language__ApiVersion";

    /// <summary>Settings that hold secrets: Key Vault references in Azure, never literal values in templates, logs or exceptions.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
    [
        WeComContactsSecret, WeComCustomerContactSecret, WeComSecuritySecret, WeComArchiveSecret, WeComAppSecret, ScanningFingerprintKey,
    ];
}
