using Azure.Data.Tables;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Reads table <c>FileScans</c>, where the scanner writes one row per file (keys by SHA-256) with columns
/// <c>Md5</c> (lowercase hex) and <c>Verdict</c> (<c>sensitive</c> when the file holds sensitive data).
/// </summary>
public sealed class TableSensitiveFileIndex : ISensitiveFileIndex
{
    public const string Md5Column = "Md5";
    public const string VerdictColumn = "Verdict";
    public const string SensitiveVerdict = "sensitive";

    private readonly TableClient _table;

    public TableSensitiveFileIndex(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.FileScansTable);
    }

    public async Task<IReadOnlySet<string>> GetSensitiveMd5sAsync(CancellationToken cancellationToken)
    {
        var md5s = new HashSet<string>(StringComparer.Ordinal);
        const string filter = $"{VerdictColumn} eq '{SensitiveVerdict}'";
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: [Md5Column], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString(Md5Column) is { Length: > 0 } md5)
            {
                md5s.Add(md5.ToLowerInvariant());
            }
        }

        return md5s;
    }
}
