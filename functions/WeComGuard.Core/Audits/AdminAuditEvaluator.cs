using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates the admin rules over the last <see cref="AuditOptions.AdminLogLookbackDays"/> days of the admin
/// operation log (read in WeCom's 7-day spans). Raw detail_info stays in memory; findings carry it masked.
/// </summary>
public static class AdminAuditEvaluator
{
    public static async Task<AuditOutcome> EvaluateAsync(IAuditDataSource source, AuditOptions options, AuditClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var incomplete = new List<string>();
        var findings = new List<Finding>();
        var records = 0;
        string? unavailable = null;
        try
        {
            var since = clock.AsOf.AddDays(-options.AdminLogLookbackDays);
            await foreach (var record in source.GetAdminOperRecordsAsync(since, clock.AsOf, cancellationToken).ConfigureAwait(false))
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
            new Dictionary<string, int> { ["adminLogRecords"] = records, ["approvedApps"] = options.ApprovedApps.Count })
        {
            SkippedRules = unavailable is null ? [] : [.. ids.Select(id => new AuditSkippedRule(id, unavailable))],
        };
    }
}
