namespace WeComGuard.Core.Audits;

/// <summary>The audits, as named in table <c>AuditRuns</c>, report paths and the CLI.</summary>
public static class AuditNames
{
    public const string Accounts = "accounts";
    public const string Groups = "groups";
    public const string FileTransfers = "files";
    public const string AdminActions = "admin";
    public const string Handover = "handover";
}
