using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Findings;

/// <summary>
/// Keeps table <c>Findings</c>: one row per (rule, subject), upserted by every run that sees it; rows a complete run of
/// the same audit did not see again are resolved.
/// </summary>
public sealed class FindingStore
{
    // Table Storage caps a string property at 64 KiB (32K UTF-16 characters).
    private const int MaxDetailsLength = 30_000;
    private const int MaxBatch = 100;

    // A batch's payload must stay under 4 MiB; count every character as up to 3 UTF-8 bytes.
    private const int MaxBatchBytes = 3 * 1024 * 1024;

    private readonly TableClient _table;

    public FindingStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.FindingsTable);
    }

    /// <summary>
    /// Upserts <paramref name="findings"/> as open and seen by <paramref name="runId"/>, then resolves the open findings
    /// of <paramref name="rulesToResolve"/> that this run did not see. Pass no rules for a failed or partial run.
    /// </summary>
    public async Task<FindingsUpdate> RecordAsync(
        string runId,
        IReadOnlyCollection<Finding> findings,
        IReadOnlyCollection<string> rulesToResolve,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(rulesToResolve);

        var unique = findings
            .GroupBy(finding => new FindingKey(finding.Rule, finding.Subject))
            .Select(group => group.Last())
            .ToList();
        var rules = unique.Select(finding => finding.Rule).Concat(rulesToResolve).Distinct(StringComparer.Ordinal).ToList();
        var existing = new Dictionary<string, Dictionary<string, TableEntity>>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            existing[rule] = await LoadPartitionAsync(rule, cancellationToken).ConfigureAwait(false);
        }

        var created = new List<Finding>();
        var stillOpen = new List<Finding>();
        foreach (var partition in unique.GroupBy(finding => finding.Rule, StringComparer.Ordinal))
        {
            var actions = new List<TableTransactionAction>();
            foreach (var finding in partition)
            {
                var rowKey = TableKeyEncoding.Encode(finding.Subject);
                var previous = existing[finding.Rule].GetValueOrDefault(rowKey);
                var wasOpen = previous is not null && string.Equals(previous.GetString(FindingEntityColumns.Status), FindingEntityColumns.StatusOpen, StringComparison.Ordinal);
                var firstSeen = wasOpen ? previous!.GetDateTimeOffset(FindingEntityColumns.FirstSeen) ?? now : now;
                (wasOpen ? stillOpen : created).Add(finding);
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(finding, rowKey, firstSeen, now, runId)));
            }

            await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        }

        var resolved = new List<ResolvedFinding>();
        var seen = unique.Select(finding => new FindingKey(finding.Rule, TableKeyEncoding.Encode(finding.Subject))).ToHashSet();
        foreach (var rule in rulesToResolve.Distinct(StringComparer.Ordinal))
        {
            var actions = new List<TableTransactionAction>();
            foreach (var (rowKey, entity) in existing[rule])
            {
                if (seen.Contains(new FindingKey(rule, rowKey))
                    || !string.Equals(entity.GetString(FindingEntityColumns.Status), FindingEntityColumns.StatusOpen, StringComparison.Ordinal))
                {
                    continue;
                }

                var update = new TableEntity(rule, rowKey)
                {
                    [FindingEntityColumns.Status] = FindingEntityColumns.StatusResolved,
                    [FindingEntityColumns.ResolvedAt] = now,
                    [FindingEntityColumns.ResolvedRunId] = runId,
                };
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, update, entity.ETag));
                resolved.Add(new ResolvedFinding(
                    rule,
                    entity.GetString(FindingEntityColumns.Subject) ?? TableKeyEncoding.Decode(rowKey),
                    entity.GetString(FindingEntityColumns.Severity) ?? string.Empty,
                    entity.GetString(FindingEntityColumns.Department),
                    entity.GetDateTimeOffset(FindingEntityColumns.FirstSeen) ?? now));
            }

            await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        }

        return new FindingsUpdate(created, stillOpen, resolved);
    }

    /// <summary>Every row of one rule, open or resolved, with its subject, status, first-seen time, severity and department.</summary>
    public async Task<IReadOnlyList<TableEntity>> GetAsync(string rule, CancellationToken cancellationToken)
    {
        var partition = await LoadPartitionAsync(rule, cancellationToken).ConfigureAwait(false);
        return [.. partition.Values.OrderBy(entity => entity.RowKey, StringComparer.Ordinal)];
    }

    internal static TableEntity ToEntity(Finding finding, string rowKey, DateTimeOffset firstSeen, DateTimeOffset now, string runId)
    {
        var details = finding.Details.ToJsonString(ReportJson.Options);
        if (details.Length > MaxDetailsLength)
        {
            details = new JsonObject { ["truncated"] = true, ["length"] = details.Length }.ToJsonString();
        }

        return new TableEntity(finding.Rule, rowKey)
        {
            [FindingEntityColumns.Rule] = finding.Rule,
            [FindingEntityColumns.Subject] = finding.Subject,
            [FindingEntityColumns.Severity] = finding.Severity.ToName(),
            [FindingEntityColumns.Handbook] = finding.Handbook,
            [FindingEntityColumns.Title] = finding.Title,
            [FindingEntityColumns.Details] = details,
            [FindingEntityColumns.Department] = finding.Department,
            [FindingEntityColumns.FirstSeen] = firstSeen,
            [FindingEntityColumns.LastSeen] = now,
            [FindingEntityColumns.Status] = FindingEntityColumns.StatusOpen,
            [FindingEntityColumns.ResolvedAt] = null,
            [FindingEntityColumns.LastRunId] = runId,
        };
    }

    private async Task<Dictionary<string, TableEntity>> LoadPartitionAsync(string rule, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {rule}");
        string[] columns =
        [
            "PartitionKey", "RowKey", FindingEntityColumns.Subject, FindingEntityColumns.Status, FindingEntityColumns.FirstSeen,
            FindingEntityColumns.Severity, FindingEntityColumns.Department,
        ];
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[entity.RowKey] = entity;
        }

        return rows;
    }

    private static IEnumerable<List<TableTransactionAction>> Batches(List<TableTransactionAction> actions)
    {
        var batch = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var action in actions)
        {
            var size = 1024 + (3 * ((action.Entity as TableEntity)?.GetString(FindingEntityColumns.Details)?.Length ?? 0));
            if (batch.Count > 0 && (batch.Count == MaxBatch || bytes + size > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(action);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var chunk in Batches(actions))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
            {
                throw new StorageUnavailableException("Table Storage did not accept the findings; the run is recorded as failed.", error);
            }
        }
    }
}
