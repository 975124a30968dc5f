namespace WeComGuard.Core.Audits.Findings;

/// <summary>
/// The columns of table <c>Findings</c> (PartitionKey = rule id, RowKey = the subject made key-safe by
/// <c>TableKeyEncoding</c>). The file scanner writes <c>file.sensitive-content</c> rows with the same columns.
/// </summary>
public static class FindingEntityColumns
{
    public const string Rule = "Rule";
    public const string Subject = "Subject";
    public const string Severity = "Severity";
    public const string Handbook = "Handbook";
    public const string Title = "Title";
    public const string Details = "Details";
    public const string Department = "Department";
    public const string FirstSeen = "FirstSeen";
    public const string LastSeen = "LastSeen";
    public const string Status = "Status";
    public const string ResolvedAt = "ResolvedAt";
    public const string LastRunId = "LastRunId";

    /// <summary>The run (or re-check, <c>recheck-…</c>) that opened the finding: how a finding from a callback is told apart.</summary>
    public const string FirstRunId = "FirstRunId";
    public const string ResolvedRunId = "ResolvedRunId";

    public const string StatusOpen = "open";
    public const string StatusResolved = "resolved";
}
