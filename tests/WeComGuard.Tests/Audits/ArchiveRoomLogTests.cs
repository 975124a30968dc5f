using System.Text;
using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

/// <summary>The chat-archive exporter's room-id files (<c>chat-archive/rooms/{yyyy}/{MM}/{dd}.jsonl</c>) on Azurite.</summary>
[Trait("Needs", "Azurite")]
public sealed class ArchiveRoomLogTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Room_ids_are_read_from_every_day_in_the_window_and_broken_lines_are_counted_not_fatal()
    {
        var container = storage.Clients.Container(StorageNames.ChatArchiveContainer);
        await container.CreateIfNotExistsAsync();
        var first = new DateOnly(2026, 2, 27);
        await UploadAsync(container, first.AddDays(-1), """{"roomid":"wrBefore"}""");
        await UploadAsync(container, first, """{"roomid":"wrA","seen":1}""" + "\n" + """{"roomid":"wrB"}""" + "\n\n" + """{"roomid":""" + "\n");
        // 2026-02-28 has no file; 2026-03-01 repeats a room and has a line that is JSON but not a room.
        await UploadAsync(container, new DateOnly(2026, 3, 1), """{"roomid":"wrB"}""" + "\r\n" + """["wrC"]""" + "\r\n" + """{"roomid":"wrC"}""");
        await UploadAsync(container, new DateOnly(2026, 3, 2), """{"roomid":"wrAfter"}""");

        var rooms = await new BlobArchiveRoomLog(storage.Clients).ReadAsync(first, new DateOnly(2026, 3, 1), CancellationToken.None);

        Assert.Equal(["wrA", "wrB", "wrC"], rooms.RoomIds);
        Assert.Equal(2, rooms.FilesRead);
        Assert.Equal(2, rooms.BrokenLines);
        Assert.Equal("rooms/2026/03/01.jsonl", BlobArchiveRoomLog.BlobNameOf(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public async Task A_missing_container_is_no_rooms()
    {
        var clients = StorageClients.FromConnectionString(storage.ConnectionString);
        await clients.Container(StorageNames.ChatArchiveContainer).DeleteIfExistsAsync();

        var rooms = await new BlobArchiveRoomLog(clients).ReadAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 3), CancellationToken.None);

        Assert.Empty(rooms.RoomIds);
        Assert.Equal(0, rooms.FilesRead);
    }

    private static async Task UploadAsync(Azure.Storage.Blobs.BlobContainerClient container, DateOnly day, string content) =>
        await container.GetBlobClient(BlobArchiveRoomLog.BlobNameOf(day)).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(content)), overwrite: true);
}
