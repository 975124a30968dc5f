using Azure;
using Azure.Data.Tables;

namespace WeComGuard.Core.Events;

/// <summary>
/// One row of table <c>WeComEvents</c>: PartitionKey = the callback receiver (<c>{app}</c>), RowKey = <c>msg-{MsgId}</c>
/// for messages, else <c>evt-</c> + lowercase hex SHA-256 of the decrypted plaintext. The event itself is kept as
/// WeCom sent it, still encrypted with the receiver's EncodingAESKey (columns Envelope0..n), so that personal data
/// in contact events (mobile, email) is not stored in plain text.
/// </summary>
public sealed class WeComEventRecord
{
    private const int ChunkBytes = 64 * 1024;

    public required string App { get; init; }

    public required string Id { get; init; }

    public string MsgType { get; init; } = string.Empty;

    public string? Event { get; init; }

    public string? ChangeType { get; init; }

    public string? AgentId { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public string Status { get; set; } = WeComEventStatus.Received;

    /// <summary>The base64-decoded <c>Encrypt</c> value of the callback.</summary>
    public byte[] Envelope { get; init; } = [];

    public int Attempts { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public string? LastError { get; set; }

    public ETag ETag { get; set; }

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(App, Id)
        {
            ["MsgType"] = MsgType,
            ["Event"] = Event,
            ["ChangeType"] = ChangeType,
            ["AgentId"] = AgentId,
            ["CreateTime"] = CreateTime,
            ["ReceivedAt"] = ReceivedAt,
            ["Status"] = Status,
            ["Attempts"] = Attempts,
            ["ClaimedBy"] = ClaimedBy,
            ["ClaimedUntil"] = ClaimedUntil,
            ["QueuedAt"] = QueuedAt,
            ["ProcessedAt"] = ProcessedAt,
            ["LastError"] = LastError,
            ["EnvelopeChunks"] = (Envelope.Length + ChunkBytes - 1) / ChunkBytes,
        };

        // Table properties hold at most 64 KiB each; a 1 MB callback body spans up to 12 of them.
        for (int offset = 0, index = 0; offset < Envelope.Length; offset += ChunkBytes, index++)
        {
            entity[$"Envelope{index}"] = Envelope.AsSpan(offset, Math.Min(ChunkBytes, Envelope.Length - offset)).ToArray();
        }

        return entity;
    }

    public static WeComEventRecord FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = entity.GetInt32("EnvelopeChunks") ?? 0;
        var envelope = new List<byte>();
        for (var index = 0; index < chunks; index++)
        {
            envelope.AddRange(entity.GetBinary($"Envelope{index}") ?? []);
        }

        return new WeComEventRecord
        {
            App = entity.PartitionKey,
            Id = entity.RowKey,
            MsgType = entity.GetString("MsgType") ?? string.Empty,
            Event = entity.GetString("Event"),
            ChangeType = entity.GetString("ChangeType"),
            AgentId = entity.GetString("AgentId"),
            CreateTime = entity.GetDateTimeOffset("CreateTime"),
            ReceivedAt = entity.GetDateTimeOffset("ReceivedAt") ?? default,
            Status = entity.GetString("Status") ?? WeComEventStatus.Received,
            Attempts = entity.GetInt32("Attempts") ?? 0,
            ClaimedBy = entity.GetString("ClaimedBy"),
            ClaimedUntil = entity.GetDateTimeOffset("ClaimedUntil"),
            QueuedAt = entity.GetDateTimeOffset("QueuedAt"),
            ProcessedAt = entity.GetDateTimeOffset("ProcessedAt"),
            LastError = entity.GetString("LastError"),
            Envelope = envelope.ToArray(),
            ETag = entity.ETag,
        };
    }
}
