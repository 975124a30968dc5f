using Azure.Data.Tables;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Findings;

/// <summary>Reads table <c>Findings</c> with each row's waiver applied: what nudges, cards, actions and the CLI work from.</summary>
public sealed class FindingQueries
{
    private readonly TableClient _table;
    private readonly WaiverStore _waivers;

    public FindingQueries(StorageClients storage, WaiverStore waivers)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(waivers);
        _table = storage.Table(StorageNames.FindingsTable);
        _waivers = waivers;
    }

    /// <summary>Findings of <paramref name="rule"/> (all rules when null) whose status is <paramref name="status"/> (any when null).</summary>
    public async Task<IReadOnlyList<FindingView>> ListAsync(string? rule, string? status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waivers = await _waivers.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var filter = rule is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {rule}");
        var views = new List<FindingView>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var view = From(entity, waivers, now);
            if (status is null || view.Status == status)
            {
                views.Add(view);
            }
        }

        return [.. views.OrderBy(v => v.Rule, StringComparer.Ordinal).ThenBy(v => v.Subject, StringComparer.Ordinal)];
    }

    public async Task<FindingView?> GetAsync(string rule, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(rule, TableKeyEncoding.Encode(subject), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        return From(response.Value, await _waivers.GetAllAsync(cancellationToken).ConfigureAwait(false), now);
    }

    private static FindingView From(TableEntity entity, IReadOnlyDictionary<FindingKey, Waiver> waivers, DateTimeOffset now)
    {
        var rule = entity.GetString(FindingEntityColumns.Rule) ?? entity.PartitionKey;
        var subject = entity.GetString(FindingEntityColumns.Subject) ?? TableKeyEncoding.Decode(entity.RowKey);
        var stored = entity.GetString(FindingEntityColumns.Status) ?? FindingEntityColumns.StatusOpen;
        var waiver = waivers.GetValueOrDefault(new FindingKey(rule, subject));
        var status = stored == FindingEntityColumns.StatusOpen && waiver is not null && waiver.IsActive(now) ? FindingView.StatusWaived : stored;
        return new FindingView(
            rule,
            subject,
            entity.GetString(FindingEntityColumns.Severity) ?? string.Empty,
            entity.GetString(FindingEntityColumns.Handbook) ?? string.Empty,
            entity.GetString(FindingEntityColumns.Title) ?? rule,
            entity.GetString(FindingEntityColumns.Department),
            entity.GetString(FindingEntityColumns.Details) ?? "{}",
            entity.GetDateTimeOffset(FindingEntityColumns.FirstSeen) ?? now,
            entity.GetDateTimeOffset(FindingEntityColumns.LastSeen),
            status,
            waiver);
    }
}
