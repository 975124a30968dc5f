using Azure.Data.Tables;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Reports.Index;

/// <summary>Reads what the index shows from tables AuditRuns, Findings (first seen, resolved at) and Waivers.</summary>
public sealed class AuditIndexReader
{
    private static readonly string[] FindingColumns =
        [FindingEntityColumns.Rule, FindingEntityColumns.Status, FindingEntityColumns.FirstSeen, FindingEntityColumns.ResolvedAt];

    private readonly TableClient _findings;
    private readonly AuditRunStore _runs;
    private readonly WaiverStore _waivers;

    public AuditIndexReader(StorageClients storage, AuditRunStore runs, WaiverStore waivers)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(waivers);
        _findings = storage.Table(StorageNames.FindingsTable);
        _runs = runs;
        _waivers = waivers;
    }

    public async Task<AuditIndex> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runs = await _runs.ListAsync(cancellationToken).ConfigureAwait(false);
        var waivers = await _waivers.GetActiveAsync(now, cancellationToken).ConfigureAwait(false);
        var byRule = new Dictionary<string, (int Open, int Resolved, double Hours)>(StringComparer.Ordinal);
        await foreach (var entity in _findings.QueryAsync<TableEntity>(select: FindingColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var rule = entity.GetString(FindingEntityColumns.Rule) ?? entity.PartitionKey;
            var (open, resolved, hours) = byRule.GetValueOrDefault(rule);
            if (entity.GetString(FindingEntityColumns.Status) == FindingEntityColumns.StatusResolved
                && entity.GetDateTimeOffset(FindingEntityColumns.FirstSeen) is { } firstSeen
                && entity.GetDateTimeOffset(FindingEntityColumns.ResolvedAt) is { } resolvedAt)
            {
                byRule[rule] = (open, resolved + 1, hours + (resolvedAt - firstSeen).TotalHours);
            }
            else if (entity.GetString(FindingEntityColumns.Status) is null or FindingEntityColumns.StatusOpen)
            {
                byRule[rule] = (open + 1, resolved, hours);
            }
        }

        var resolution = byRule
            .Select(pair => new RuleResolution(pair.Key, pair.Value.Open, pair.Value.Resolved,
                pair.Value.Resolved == 0 ? null : TimeSpan.FromHours(pair.Value.Hours / pair.Value.Resolved)))
            .OrderBy(rule => rule.Rule, StringComparer.Ordinal)
            .ToList();
        var active = waivers.Values.OrderBy(w => w.Rule, StringComparer.Ordinal).ThenBy(w => w.Subject, StringComparer.Ordinal).ToList();
        return new AuditIndex(now, runs, resolution, active);
    }
}
