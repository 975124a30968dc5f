namespace WeComGuard.Core.Audits.Roster;

/// <summary>Reads the roster from a local CSV or XLSX file (the CLI's <c>--roster</c>).</summary>
public sealed class FileRosterSource : IRosterSource
{
    private readonly string _path;

    public FileRosterSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
    }

    public async Task<RosterParseResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return RosterParser.Parse(copy, _path);
        }
    }
}
