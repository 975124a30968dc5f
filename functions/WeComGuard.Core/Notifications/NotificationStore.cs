using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// Table <c>Notifications</c>: PartitionKey the recipient's userid (key-safe), one message row per China date (RowKey
/// <c>yyyyMMdd</c>: at most one nudge a day per person) and one row per finding in it (RowKey
/// <c>yyyyMMdd|rule|subject</c>). The message and its findings are written in one batch before WeCom is called, so a
/// message is never lost and never sent twice.
/// </summary>
public sealed class NotificationStore
{
    private const int MaxFindingRows = 99;
    private readonly TableClient _table;

    public NotificationStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.NotificationsTable);
    }

    public static string DateKey(DateOnly chinaDate) => chinaDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task<TableEntity?> GetMessageAsync(string recipient, DateOnly chinaDate, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeyEncoding.Encode(recipient), DateKey(chinaDate), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Records the intent to send <paramref name="items"/> to <paramref name="recipient"/> today; false when today's message exists already.</summary>
    public async Task<bool> TryCreateAsync(string recipient, DateOnly chinaDate, IReadOnlyList<NudgeItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = TableKeyEncoding.Encode(recipient);
        var date = DateKey(chinaDate);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, date)
            {
                ["Recipient"] = recipient,
                ["Date"] = date,
                ["Status"] = NotificationStatus.Pending,
                ["Attempts"] = 0,
                ["FindingCount"] = items.Count(i => i.Role == NudgeItem.RoleResponsible),
                ["EscalatedCount"] = items.Count(i => i.Role == NudgeItem.RoleEscalation),
                ["CreatedAt"] = now,
            }),
        };
        foreach (var item in items.Take(MaxFindingRows))
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, FindingRowKey(date, item))
            {
                ["Recipient"] = recipient,
                ["Rule"] = item.Finding.Rule,
                ["Subject"] = item.Finding.Subject,
                ["Role"] = item.Role,
                ["Responsible"] = item.Responsible,
                ["Status"] = NotificationStatus.Pending,
                ["Time"] = now,
            }));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException error) when (error.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
        {
            throw new StorageUnavailableException("Table Storage did not accept the nudge; it is sent on a later run.", error);
        }
    }

    /// <summary>Moves the message row to <paramref name="status"/> (ETag-guarded: false when another sender changed it first).</summary>
    public async Task<bool> TryUpdateMessageAsync(TableEntity message, string status, string? msgId, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        message["Status"] = status;
        message["LastError"] = error;
        if (status == NotificationStatus.Sending)
        {
            message["Attempts"] = (message.GetInt32("Attempts") ?? 0) + 1;
            message["LastAttemptAt"] = now;
        }

        if (msgId is not null)
        {
            message["MsgId"] = msgId;
            message["SentAt"] = now;
        }

        try
        {
            var response = await _table.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            message.ETag = response.Headers.ETag ?? message.ETag;
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Sets the finding rows of a message to its final status and msgid.</summary>
    public async Task CompleteFindingsAsync(string recipient, DateOnly chinaDate, string status, string? msgId, CancellationToken cancellationToken)
    {
        var partition = TableKeyEncoding.Encode(recipient);
        var prefix = DateKey(chinaDate) + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {prefix} and RowKey lt {prefix + "~"}");
        var actions = new List<TableTransactionAction>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, row.RowKey) { ["Status"] = status, ["MsgId"] = msgId }));
        }

        if (actions.Count > 0)
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every message row (for summaries and tests), newest date first within a recipient.</summary>
    public async Task<IReadOnlyList<TableEntity>> ListMessagesAsync(CancellationToken cancellationToken)
    {
        var messages = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!row.RowKey.Contains('|', StringComparison.Ordinal))
            {
                messages.Add(row);
            }
        }

        return messages;
    }

    private static string FindingRowKey(string date, NudgeItem item) =>
        $"{date}|{item.Finding.Rule}|{TableKeyEncoding.Encode(item.Finding.Subject)}";
}
