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
    public const int WeComLogDays = EvidenceLookback.WeComLogDays;

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
        var liveSince = EvidenceLookback.LiveSince(since, clock.AsOf);

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

        foreach (var record in await EvidenceLookback.ReadOlderAsync(evidence, EvidenceLogs.AdminOperLog, "admin log", since, liveSince, incomplete, cancellationToken).ConfigureAwait(false))
        {
            Evaluate(EvidenceLogs.ToAdminRecord(record));
            fromEvidence++;
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
}
