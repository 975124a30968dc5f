using Azure;
using Azure.Data.Tables;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Remediation;

/// <summary>
/// Table <c>Waivers</c>: one row per (rule, subject), PartitionKey the rule and RowKey the key-safe subject, as in
/// <c>Findings</c>. A new waiver for the same finding replaces the old one; an expired row stays as history.
/// </summary>
public sealed class WaiverStore
{
    private readonly TableClient _table;

    public WaiverStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.WaiversTable);
    }

    public async Task<Waiver> WaiveAsync(string rule, string subject, int days, string reason, string approver, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rule);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 365);
        var waiver = new Waiver(rule, subject, reason.Trim(), approver.Trim(), now, now.AddDays(days));
        var entity = new TableEntity(rule, TableKeyEncoding.Encode(subject))
        {
            ["Rule"] = rule,
            ["Subject"] = subject,
            ["Reason"] = waiver.Reason,
            ["Approver"] = waiver.Approver,
            ["CreatedAt"] = waiver.CreatedAt,
            ["ExpiresAt"] = waiver.ExpiresAt,
        };
        try
        {
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
        {
            throw new StorageUnavailableException("Table Storage did not accept the waiver.", error);
        }

        return waiver;
    }

    /// <summary>Every waiver, active or expired, by finding.</summary>
    public async Task<IReadOnlyDictionary<FindingKey, Waiver>> GetAllAsync(CancellationToken cancellationToken)
    {
        var waivers = new Dictionary<FindingKey, Waiver>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var waiver = From(entity);
            waivers[waiver.Key] = waiver;
        }

        return waivers;
    }

    /// <summary>The waivers in force at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyDictionary<FindingKey, Waiver>> GetActiveAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await GetAllAsync(cancellationToken).ConfigureAwait(false)).Where(pair => pair.Value.IsActive(now)).ToDictionary(pair => pair.Key, pair => pair.Value);

    private static Waiver From(TableEntity entity) => new(
        entity.GetString("Rule") ?? entity.PartitionKey,
        entity.GetString("Subject") ?? TableKeyEncoding.Decode(entity.RowKey),
        entity.GetString("Reason") ?? string.Empty,
        entity.GetString("Approver") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
}
