namespace WeComGuard.Cli.Commands;

/// <summary>
/// Walks the PATH arguments in name order. Only regular files are scanned: FIFOs, sockets and devices are skipped with a
/// note. Symbolic links met inside a folder are skipped unless <c>--follow-symlinks</c>; a link named on the command line
/// is followed. A followed folder link is entered once per real folder, so a loop ends. An unreadable folder is a failure
/// and the walk goes on.
/// </summary>
internal sealed class ScanTargetWalker(bool followSymlinks)
{
    private readonly HashSet<string> _enteredFolders = new(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ScanTarget> Walk(string argument)
    {
        var type = FileSystemEntryTypes.Get(argument, followLinks: true, out var description);
        return type switch
        {
            FileSystemEntryType.Missing => [new ScanTarget(argument, ScanTargetKind.Failed, "no such file or folder")],
            FileSystemEntryType.Regular => [new ScanTarget(argument, ScanTargetKind.File)],
            FileSystemEntryType.Directory => Folder(argument),
            _ => [new ScanTarget(argument, ScanTargetKind.Skipped, $"not a regular file ({description})")],
        };
    }

    private IEnumerable<ScanTarget> Folder(string folder)
    {
        if (!_enteredFolders.Add(RealPath(folder)))
        {
            yield return new ScanTarget(folder, ScanTargetKind.Skipped, "folder already scanned (a symbolic link loop or a second link to it)");
            yield break;
        }

        List<string>? entries = null;
        string? listError = null;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            listError = error.Message;
        }

        if (entries is null)
        {
            yield return new ScanTarget(folder, ScanTargetKind.Failed, "cannot list the folder: " + listError);
            yield break;
        }

        foreach (var entry in entries)
        {
            var type = FileSystemEntryTypes.Get(entry, followLinks: false, out var description);
            if (type == FileSystemEntryType.SymbolicLink)
            {
                if (!followSymlinks)
                {
                    yield return new ScanTarget(entry, ScanTargetKind.Skipped, "symbolic link not followed (use --follow-symlinks)");
                    continue;
                }

                type = FileSystemEntryTypes.Get(entry, followLinks: true, out description);
                if (type == FileSystemEntryType.Missing)
                {
                    yield return new ScanTarget(entry, ScanTargetKind.Skipped, "symbolic link to nothing (broken, or a loop)");
                    continue;
                }
            }

            var targets = type switch
            {
                FileSystemEntryType.Regular => [new ScanTarget(entry, ScanTargetKind.File)],
                FileSystemEntryType.Directory => Folder(entry),
                FileSystemEntryType.Missing => [new ScanTarget(entry, ScanTargetKind.Failed, "vanished while the folder was scanned")],
                _ => (IEnumerable<ScanTarget>)[new ScanTarget(entry, ScanTargetKind.Skipped, $"not a regular file ({description})")],
            };
            foreach (var target in targets)
            {
                yield return target;
            }
        }
    }

    // The folder with every symbolic link on its path resolved, so two routes to one folder compare equal.
    private static string RealPath(string folder)
    {
        var full = Path.GetFullPath(folder);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                if (new DirectoryInfo(current).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    current = Path.GetFullPath(target.FullName);
                }
            }
            catch (IOException)
            {
                // A loop the kernel refuses to resolve: keep the path as written; the set still stops the walk.
            }
        }

        return current;
    }
}
