namespace WeComGuard.Core.Audits.Evidence;

/// <summary>
/// Splits a log's look-back at WeCom's window: [since, live since) is read from the evidence archive, [live since, now)
/// from WeCom. The two spans do not overlap, so a day an earlier run kept and WeCom still answers is counted once.
/// </summary>
public static class EvidenceLookback
{
    /// <summary>WeCom answers the member and admin logs for start_time ≥ now − 180 days; a day's margin keeps clock skew out of it.</summary>
    public const int WeComLogDays = 179;

    /// <summary>Where the part read from WeCom starts: <paramref name="since"/>, or WeCom's oldest day if that is later.</summary>
    public static DateTimeOffset LiveSince(DateTimeOffset since, DateTimeOffset asOf)
    {
        var oldest = asOf.AddDays(-WeComLogDays);
        return since > oldest ? since : oldest;
    }

    /// <summary>
    /// The kept records of [<paramref name="since"/>, <paramref name="liveSince"/>). No archive, or a day of that span never
    /// kept, is added to <paramref name="incomplete"/>, naming <paramref name="logName"/>: the run is then partial.
    /// </summary>
    public static async Task<IReadOnlyList<EvidenceRecord>> ReadOlderAsync(
        IAuditEvidenceArchive? evidence, string log, string logName, DateTimeOffset since, DateTimeOffset liveSince, List<string> incomplete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incomplete);
        if (since >= liveSince)
        {
            return [];
        }

        if (evidence is null)
        {
            incomplete.Add($"the {logName} before {liveSince:yyyy-MM-dd} is older than WeCom keeps it (180 days) and no evidence archive is configured");
            return [];
        }

        var kept = await evidence.ReadAsync(log, since, liveSince, cancellationToken).ConfigureAwait(false);
        if (kept.MissingDays.Count > 0)
        {
            incomplete.Add($"no evidence was kept for {kept.MissingDays.Count} day(s) of the {logName} older than WeCom keeps it (from {kept.MissingDays[0]:yyyy-MM-dd})");
        }

        return kept.Records;
    }
}
