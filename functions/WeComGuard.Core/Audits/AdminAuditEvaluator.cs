using WeComGuard.Core.Audits.Evidence;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates the admin rules over the last <see cref="AuditOptions.AdminLogLookbackDays"/> days of the admin
/// operation log (read in WeCom's 7-day spans). Raw detail_info stays in memory; findings carry it masked.
/// </summary>
public static class AdminAuditEvaluator
{
    /// <summary>WeCom answers the admin log for start_time ≥ now − 180 days; a day's margin keeps clock skew out of it.</summary>
    public const int WeComLogDays = 179;

    public static Task<AuditOutcome> EvaluateAsync(IAuditDataSource source, AuditOptions options, AuditClock clock, CancellationToken cancellationToken) =>
        EvaluateAsync(source, null, options, clock, cancellationToken);

    /// <summary>
    /// Reads what lies beyond WeCom's window from <paramref name="evidence"/> (masked detail_info), the rest from WeCom,
    /// and keeps the whole days read from WeCom as evidence.
    /// </summary>
    public static async Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source, IAuditEvidenceArchive? evidence, AuditOptions options, AuditClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var incomplete = new List<string>();
        var findings = new List<Finding>();
        var records = 0;
        var fromEvidence = 0;
        var pagesKept = 0;
        string? unavailable = null;
        var since = clock.AsOf.AddDays(-options.AdminLogLookbackDays);
        var liveSince = Max(since, clock.AsOf.AddDays(-WeComLogDays));

        void Evaluate(AdminOperRecord record)
        {
            records++;
            foreach (var rule in AdminRules.All)
            {
                if (rule.Evaluate(record, options) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        if (since < liveSince)
        {
            if (evidence is null)
            {
                incomplete.Add($"the admin log before {liveSince:yyyy-MM-dd} is older than WeCom keeps it (180 days) and no evidence archive is configured");
            }
            else
            {
                var kept = await evidence.ReadAsync(EvidenceLogs.AdminOperLog, since, liveSince, cancellationToken).ConfigureAwait(false);
                foreach (var record in kept.Records)
                {
                    Evaluate(EvidenceLogs.ToAdminRecord(record));
                    fromEvidence++;
                }

                if (kept.MissingDays.Count > 0)
                {
                    incomplete.Add($"no evidence was kept for {kept.MissingDays.Count} day(s) of the admin log older than WeCom keeps it (from {kept.MissingDays[0]:yyyy-MM-dd})");
                }
            }
        }

        try
        {
            var read = new List<EvidenceRecord>();
            await foreach (var record in source.GetAdminOperRecordsAsync(liveSince, clock.AsOf, cancellationToken).ConfigureAwait(false))
            {
                Evaluate(record);
                read.Add(EvidenceLogs.ToEvidence(record));
            }

            if (evidence is not null)
            {
                pagesKept = await evidence.KeepAsync(EvidenceLogs.AdminOperLog, read, liveSince, clock.AsOf, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AuditDataIncompleteException error)
        {
            incomplete.Add($"the admin operation log could not be read completely: {error.Message}");
        }
        catch (AuditInputUnavailableException error)
        {
            unavailable = $"the admin operation log is not available: {error.Message}";
        }

        var ids = AdminRules.All.Select(rule => rule.Definition.Id).ToList();
        return new AuditOutcome(
            findings.OrderBy(finding => finding.Rule, StringComparer.Ordinal).ThenBy(finding => finding.Subject, StringComparer.Ordinal).ToList(),
            unavailable is null ? ids : [],
            incomplete,
            [],
            new Dictionary<string, int>
            {
                ["adminLogRecords"] = records,
                ["adminLogRecordsFromEvidence"] = fromEvidence,
                ["evidencePagesKept"] = pagesKept,
                ["approvedApps"] = options.ApprovedApps.Count,
            })
        {
            SkippedRules = unavailable is null ? [] : [.. ids.Select(id => new AuditSkippedRule(id, unavailable))],
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
