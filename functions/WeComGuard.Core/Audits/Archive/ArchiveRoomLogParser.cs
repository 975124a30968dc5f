using System.Text;
using System.Text.Json;

namespace WeComGuard.Core.Audits.Archive;

/// <summary>
/// Reads one room-id file: JSON lines, each an object with a string <c>roomid</c> (other fields are ignored). A line that
/// is not such an object is counted as broken and skipped; blank lines are ignored. The exporter appends to these
/// files, so a half-written last line is expected, and one bad line must not cost the others.
/// </summary>
public static class ArchiveRoomLogParser
{
    public static async Task<int> ReadAsync(Stream stream, ISet<string> roomIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(roomIds);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var broken = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (RoomIdOf(line) is { } roomId)
            {
                roomIds.Add(roomId);
            }
            else
            {
                broken++;
            }
        }

        return broken;
    }

    private static string? RoomIdOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("roomid", out var roomId)
                && roomId.ValueKind == JsonValueKind.String
                && roomId.GetString() is { Length: > 0 } id
                ? id
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
