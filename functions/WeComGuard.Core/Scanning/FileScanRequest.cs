using System.Text.Json;

using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// A request to scan one blob, read from a <c>file-scan</c> queue message: an Event Grid blob-created event (Event Grid
/// or CloudEvents schema, one event or a batch) or a plain <c>{"container": ..., "blob": ...}</c>.
/// </summary>
public sealed record FileScanRequest(string Container, string Blob, string? WeComMediaId = null)
{
    private const string BlobCreated = "Microsoft.Storage.BlobCreated";

    /// <summary>Parses a message body; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static IReadOnlyList<FileScanRequest> Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = body.ToMemory();
        var text = bytes.Span.TrimStart(" \t\r\n"u8);
        if (!text.IsEmpty && text[0] is not ((byte)'{' or (byte)'['))
        {
            // Still base64: a producer encoded it and the consumer did not decode (messageEncoding none).
            var decoded = new byte[bytes.Length];
            if (System.Buffers.Text.Base64.DecodeFromUtf8(bytes.Span, decoded, out _, out var written) == System.Buffers.OperationStatus.Done)
            {
                bytes = decoded.AsMemory(0, written);
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            throw new FormatException("file-scan message is not JSON", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            var requests = new List<FileScanRequest>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray())
                {
                    AddFrom(item, requests);
                }
            }
            else
            {
                AddFrom(root, requests);
            }

            return requests;
        }
    }

    private static void AddFrom(JsonElement element, List<FileScanRequest> requests)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("file-scan message must be a JSON object or an array of events");
        }

        var eventType = String(element, "eventType") ?? String(element, "type");
        if (eventType is not null)
        {
            // Other event types (e.g. BlobDeleted) on the same subscription are not scan requests.
            if (eventType == BlobCreated)
            {
                requests.Add(FromSubject(String(element, "subject")));
            }

            return;
        }

        var container = String(element, "container");
        var blob = String(element, "blob");
        if (!string.IsNullOrEmpty(container) && !string.IsNullOrEmpty(blob))
        {
            requests.Add(new FileScanRequest(container, blob));
            return;
        }

        if (String(element, "wecomMediaId") is { Length: > 0 } mediaId)
        {
            // The media is copied into incoming-files first (media_id lasts three days), then scanned like any other file.
            var fileName = Path.GetFileName(String(element, "filename") ?? string.Empty);
            var safeName = string.IsNullOrWhiteSpace(fileName) ? "media" : fileName;
            var safeId = new string(mediaId.Where(char.IsAsciiLetterOrDigit).Take(128).ToArray());
            var today = DateTimeOffset.UtcNow;
            requests.Add(new FileScanRequest(
                StorageNames.IncomingFilesContainer,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"wecom-media/{today:yyyy}/{today:MM}/{today:dd}/{safeId}/{safeName}"),
                mediaId));
            return;
        }

        throw new FormatException("file-scan message needs an Event Grid BlobCreated event or {\"container\", \"blob\"}");
    }

    /// <summary>Event Grid subject: <c>/blobServices/default/containers/{container}/blobs/{blob path}</c>.</summary>
    private static FileScanRequest FromSubject(string? subject)
    {
        const string ContainersMarker = "/containers/";
        const string BlobsMarker = "/blobs/";
        var containerStart = subject?.IndexOf(ContainersMarker, StringComparison.Ordinal) ?? -1;
        var blobsAt = containerStart < 0 ? -1 : subject!.IndexOf(BlobsMarker, containerStart, StringComparison.Ordinal);
        if (blobsAt < 0)
        {
            throw new FormatException("BlobCreated event has no /containers/{container}/blobs/{blob} subject");
        }

        var container = subject![(containerStart + ContainersMarker.Length)..blobsAt];
        var blob = subject[(blobsAt + BlobsMarker.Length)..];
        if (container.Length == 0 || blob.Length == 0)
        {
            throw new FormatException("BlobCreated event subject names no container or blob");
        }

        return new FileScanRequest(container, blob);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
