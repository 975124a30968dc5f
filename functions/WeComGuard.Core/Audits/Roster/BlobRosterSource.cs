using Azure;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>Reads <c>hr-roster/roster.csv</c>, else <c>hr-roster/roster.xlsx</c>.</summary>
public sealed class BlobRosterSource : IRosterSource
{
    public const string CsvBlobName = "roster.csv";
    public const string XlsxBlobName = "roster.xlsx";

    private readonly StorageClients _storage;

    public BlobRosterSource(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    public async Task<RosterParseResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var container = _storage.Container(StorageNames.HrContainer);
        foreach (var name in new[] { CsvBlobName, XlsxBlobName })
        {
            try
            {
                var download = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                using var stream = download.Value.Content.ToStream();
                return RosterParser.Parse(stream, name);
            }
            catch (RequestFailedException error) when (error.Status == 404)
            {
                // Try the other format.
            }
        }

        return null;
    }
}
