using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Evidence;

/// <summary>
/// The masked log records audit runs read, kept beyond WeCom's 180 days (Cybersecurity Law: network logs at least six
/// months): <c>audit-reports/evidence/{log}/{yyyy}/{MM}/{dd}/page-NNNN.jsonl</c>, one folder per China day.
/// </summary>
public interface IAuditEvidenceArchive
{
    /// <summary>
    /// Keeps the records of every China day that lies wholly inside [<paramref name="since"/>, <paramref name="until"/>)
    /// (the days the run read completely). A day already kept is left as it is: write-once, so a retried run adds nothing.
    /// Returns the pages written.
    /// </summary>
    Task<int> KeepAsync(string log, IReadOnlyList<EvidenceRecord> records, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The kept records with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/>, and the China days of that span with nothing kept.</summary>
    Task<EvidenceRead> ReadAsync(string log, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>One masked record: its time and its JSON as kept.</summary>
public sealed record EvidenceRecord(DateTimeOffset Time, JsonObject Json);

/// <summary>Kept records of a span, and the days of it never kept (the run that should have kept them did not run or failed).</summary>
public sealed record EvidenceRead(IReadOnlyList<EvidenceRecord> Records, IReadOnlyList<DateOnly> MissingDays);
