using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Remediation;

/// <summary>
/// Table <c>Actions</c> and the write-once log <c>audit-reports/actions/{yyyy}/{MM}/{dd}/{actionId}.json</c> (China
/// date). Partitions: <c>action</c> (one row per action; a card's action id is <c>task-{TaskId}</c>, so inserting it
/// claims the TaskId once), <c>card</c> (the cards sent, by TaskId), <c>card-of</c> (finding → TaskId) and
/// <c>transfer-day</c> (chats transferred per departed owner per China day, for WeCom's 300-a-day limit).
/// </summary>
public sealed class ActionStore
{
    public const string ActionPartition = "action";
    public const string CardPartition = "card";
    private const string CardOfPartition = "card-of";
    private const string TransferDayPartition = "transfer-day";

    private readonly TableClient _table;
    private readonly BlobContainerClient _reports;

    public ActionStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.ActionsTable);
        _reports = storage.Container(StorageNames.AuditReportsContainer);
    }

    public static string TaskActionId(string taskId) => "task-" + taskId;

    /// <summary>Inserts the action as running; false (and the existing row) when its id is taken.</summary>
    public async Task<(bool Claimed, ActionRecord? Existing)> TryClaimAsync(ActionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return (false, await GetAsync(record.ActionId, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Writes the final row and the log blob (once: a second write of the same action keeps the first blob).</summary>
    public async Task CompleteAsync(ActionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var date = ChinaTime.DateOf(record.CompletedAt ?? record.RequestedAt);
        record.LogBlob = string.Create(CultureInfo.InvariantCulture, $"actions/{date:yyyy}/{date:MM}/{date:dd}/{record.ActionId}.json");
        var log = new JsonObject
        {
            ["actionId"] = record.ActionId,
            ["rule"] = record.Rule,
            ["subject"] = record.Subject,
            ["action"] = record.Action,
            ["approver"] = record.Approver,
            ["source"] = record.Source,
            ["taskId"] = record.TaskId,
            ["requestedAt"] = record.RequestedAt,
            ["completedAt"] = record.CompletedAt,
            ["status"] = record.Status,
            ["request"] = JsonNode.Parse(record.Request),
            ["response"] = JsonNode.Parse(record.Response),
            ["summary"] = record.Summary,
        };
        try
        {
            await _reports.GetBlobClient(record.LogBlob).UploadAsync(
                new BinaryData(Encoding.UTF8.GetBytes(log.ToJsonString())),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            // Written by an earlier attempt of the same action: the log is write-once.
        }

        await _table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ActionRecord?> GetAsync(string actionId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ActionPartition, actionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? FromEntity(response.Value) : null;
    }

    public async Task<IReadOnlyList<ActionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var records = new List<ActionRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ActionPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(FromEntity(entity));
        }

        return records;
    }

    // ---- Cards ----

    /// <summary>Reserves a card for the finding: false when one was reserved before (sent, failed or in flight).</summary>
    public async Task<bool> TryReserveCardAsync(string rule, string subject, string taskId, IReadOnlyList<string> actions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = new TableEntity(CardOfPartition, CardOfKey(rule, subject)) { ["TaskId"] = taskId };
        var card = new TableEntity(CardPartition, taskId)
        {
            ["Rule"] = rule,
            ["Subject"] = subject,
            ["Actions"] = string.Join(',', actions),
            ["Status"] = Notifications.NotificationStatus.Pending,
            ["Attempts"] = 0,
            ["CreatedAt"] = now,
        };
        try
        {
            await _table.AddEntityAsync(index, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }

        await _table.UpsertEntityAsync(card, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<TableEntity?> GetCardAsync(string taskId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(CardPartition, taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Cards still pending (reserved, never accepted by WeCom) or in flight, to finish on this run.</summary>
    public async Task<IReadOnlyList<TableEntity>> ListCardsAsync(CancellationToken cancellationToken)
    {
        var cards = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CardPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            cards.Add(entity);
        }

        return cards;
    }

    public async Task UpdateCardAsync(TableEntity card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var response = await _table.UpdateEntityAsync(card, card.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        card.ETag = response.Headers.ETag ?? card.ETag;
    }

    // ---- WeCom's 300 chats a day per departed owner ----

    public async Task<int> TransferredTodayAsync(string owner, DateOnly chinaDate, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TransferDayPartition, TransferDayKey(owner, chinaDate), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? response.Value.GetInt32("Count") ?? 0 : 0;
    }

    public async Task AddTransferredAsync(string owner, DateOnly chinaDate, int count, CancellationToken cancellationToken)
    {
        var key = TransferDayKey(owner, chinaDate);
        while (true)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(TransferDayPartition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!response.HasValue || response.Value is null)
                {
                    await _table.AddEntityAsync(new TableEntity(TransferDayPartition, key) { ["Owner"] = owner, ["Count"] = count }, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var row = response.Value;
                    row["Count"] = (row.GetInt32("Count") ?? 0) + count;
                    await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException raced) when (raced.Status is 409 or 412)
            {
                // Another action counted at the same time: read again.
            }
        }
    }

    private static string CardOfKey(string rule, string subject) => rule + "|" + TableKeyEncoding.Encode(subject);

    private static string TransferDayKey(string owner, DateOnly date) =>
        TableKeyEncoding.Encode(owner) + "|" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ActionRecord record) => new(ActionPartition, record.ActionId)
    {
        ["Rule"] = record.Rule,
        ["Subject"] = record.Subject,
        ["Action"] = record.Action,
        ["Approver"] = record.Approver,
        ["Source"] = record.Source,
        ["TaskId"] = record.TaskId,
        ["EventRecordId"] = record.EventRecordId,
        ["RequestedAt"] = record.RequestedAt,
        ["CompletedAt"] = record.CompletedAt,
        ["Status"] = record.Status,
        ["Request"] = record.Request,
        ["Response"] = record.Response,
        ["Summary"] = record.Summary,
        ["LogBlob"] = record.LogBlob,
    };

    private static ActionRecord FromEntity(TableEntity entity) => new()
    {
        ActionId = entity.RowKey,
        Rule = entity.GetString("Rule") ?? string.Empty,
        Subject = entity.GetString("Subject") ?? string.Empty,
        Action = entity.GetString("Action") ?? string.Empty,
        Approver = entity.GetString("Approver") ?? string.Empty,
        Source = entity.GetString("Source") ?? string.Empty,
        TaskId = entity.GetString("TaskId"),
        EventRecordId = entity.GetString("EventRecordId"),
        RequestedAt = entity.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue,
        CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        Status = entity.GetString("Status") ?? ActionStatus.Running,
        Request = entity.GetString("Request") ?? "{}",
        Response = entity.GetString("Response") ?? "{}",
        Summary = entity.GetString("Summary") ?? string.Empty,
        LogBlob = entity.GetString("LogBlob"),
    };
}
