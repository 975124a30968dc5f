namespace WeComGuard.Core.Storage;

/// <summary>
/// Names of the tables, queues and blob containers WeCom Guard uses. The function bindings, <c>wecomguard serve</c>
/// and the Bicep templates use these same names; the contract tests check that they agree.
/// </summary>
public static class StorageNames
{
    /// <summary>The app setting (or configuration section) holding the storage connection.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public const string WeComEventsTable = "WeComEvents";
    public const string MembersTable = "Members";
    public const string DepartmentsTable = "Departments";
    public const string GroupChatsTable = "GroupChats";
    public const string GroupMembershipsTable = "GroupMemberships";
    public const string DirectorySyncRunsTable = "DirectorySyncRuns";
    public const string FileScansTable = "FileScans";
    public const string FindingsTable = "Findings";
    public const string AuditRunsTable = "AuditRuns";
    public const string NotificationsTable = "Notifications";
    public const string ActionsTable = "Actions";
    public const string WaiversTable = "Waivers";

    public const string WeComEventsQueue = "wecom-events";
    public const string FileScanQueue = "file-scan";

    /// <summary>The Functions host moves a message here after <c>maxDequeueCount</c> failed attempts.</summary>
    public const string PoisonSuffix = "-poison";

    public const string IncomingFilesContainer = "incoming-files";
    public const string ScanReportsContainer = "scan-reports";
    public const string AuditReportsContainer = "audit-reports";

    /// <summary>index.html, rewritten after every audit run; not under audit-reports' immutability policy (docs/data-model.md).</summary>
    public const string AuditIndexContainer = "audit-index";

    /// <summary>Written by the chat-archive exporter (room ids it saw, <c>rooms/{yyyy}/{MM}/{dd}.jsonl</c>); WeCom Guard only reads it.</summary>
    public const string ChatArchiveContainer = "chat-archive";
    /// <summary>The HR roster export (<c>roster.csv</c> or <c>roster.xlsx</c>). Blob container names need 3 to 63 characters, so not <c>hr</c>.</summary>
    public const string HrContainer = "hr-roster";

    public static IReadOnlyList<string> Tables { get; } =
    [
        WeComEventsTable, MembersTable, DepartmentsTable, GroupChatsTable, GroupMembershipsTable, DirectorySyncRunsTable,
        FileScansTable, FindingsTable, AuditRunsTable, NotificationsTable, ActionsTable, WaiversTable,
    ];

    public static IReadOnlyList<string> Queues { get; } = [WeComEventsQueue, FileScanQueue];

    public static IReadOnlyList<string> Containers { get; } =
        [IncomingFilesContainer, ScanReportsContainer, AuditReportsContainer, AuditIndexContainer, HrContainer, ChatArchiveContainer];
}
