using System.Globalization;
using Azure;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Archive;

/// <summary>Reads <c>chat-archive/rooms/{yyyy}/{MM}/{dd}.jsonl</c>, one file per China day; a missing day is simply no rooms.</summary>
public sealed class BlobArchiveRoomLog : IArchiveRoomLog
{
    private readonly StorageClients _storage;

    public BlobArchiveRoomLog(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    public static string BlobNameOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"rooms/{day:yyyy}/{day:MM}/{day:dd}.jsonl");

    public async Task<ArchiveRoomIds> ReadAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var container = _storage.Container(StorageNames.ChatArchiveContainer);
        var roomIds = new HashSet<string>(StringComparer.Ordinal);
        var files = 0;
        var broken = 0;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            try
            {
                using var stream = await container.GetBlobClient(BlobNameOf(day)).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                broken += await ArchiveRoomLogParser.ReadAsync(stream, roomIds, cancellationToken).ConfigureAwait(false);
                files++;
            }
            catch (RequestFailedException error) when (error.Status == 404)
            {
                // No archived group messages that day (or no exporter yet).
            }
        }

        return new ArchiveRoomIds([.. roomIds.Order(StringComparer.Ordinal)], files, broken);
    }
}
