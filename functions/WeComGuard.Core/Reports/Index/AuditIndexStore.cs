using Azure.Storage.Blobs.Models;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Reports.Index;

/// <summary>
/// Rewrites <c>audit-index/index.html</c> after each run. It lives outside container audit-reports, whose immutability
/// policy covers every blob in it (a container-level policy has no path scope): the index holds only figures and links
/// derived from the tables, which stay the record; the runs' reports stay write-once.
/// </summary>
public sealed class AuditIndexStore
{
    public const string IndexBlob = "index.html";

    private readonly StorageClients _storage;
    private readonly AuditIndexReader _reader;

    public AuditIndexStore(StorageClients storage, AuditIndexReader reader)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(reader);
        _storage = storage;
        _reader = reader;
    }

    /// <summary>Where the index is: <c>audit-index/index.html</c>.</summary>
    public static string Location => $"{StorageNames.AuditIndexContainer}/{IndexBlob}";

    public async Task WriteAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = await _reader.ReadAsync(now, cancellationToken).ConfigureAwait(false);
        var content = new BinaryData(new System.Text.UTF8Encoding(false).GetBytes(AuditIndexHtmlRenderer.Render(index)));
        var container = _storage.Container(StorageNames.AuditIndexContainer);
        await container.GetBlobClient(IndexBlob).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8", CacheControl = "no-cache" },
        }, cancellationToken).ConfigureAwait(false);
    }
}
