using Azure;
using Azure.Storage.Blobs.Models;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Reports;

/// <summary>
/// Writes report files to container <c>audit-reports</c>. Each blob is created once (If-None-Match: *), matching the
/// container's immutability policy in Azure: an existing blob is never overwritten.
/// </summary>
public sealed class AuditReportStore
{
    private readonly StorageClients _storage;

    public AuditReportStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    public async Task WriteAsync(string prefix, IReadOnlyList<ReportFile> files, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(files);
        var container = _storage.Container(StorageNames.AuditReportsContainer);
        foreach (var file in files)
        {
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                await container.GetBlobClient(prefix + file.Name).UploadAsync(new BinaryData(file.Content), options, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException error) when (error.Status == 409)
            {
                throw new InvalidOperationException($"Report blob '{prefix}{file.Name}' already exists; reports are never overwritten.", error);
            }
        }
    }
}
