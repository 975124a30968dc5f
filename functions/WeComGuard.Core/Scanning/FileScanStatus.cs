namespace WeComGuard.Core.Scanning;

/// <summary>What became of a file. <see cref="Encrypted"/> is a good sign (the handbook asks for encryption), not an error.</summary>
public enum FileScanStatus
{
    Scanned,
    Encrypted,
    Unsupported,
    Failed,

    /// <summary>Some of the file was read and scanned, some was not (over the memory budget or a stream limit); the reason says what.</summary>
    Partial,

    /// <summary>Nothing was scanned: holding the file's content would break the memory budget (<see cref="ScanningOptions.MaxMemoryBytes"/>).</summary>
    TooLarge,
}

/// <summary>The names statuses have in reports, tables and the CLI (scanned, partial, too-large, …).</summary>
public static class FileScanStatusNames
{
    public static string Name(FileScanStatus status) => status == FileScanStatus.TooLarge ? "too-large" : status.ToString().ToLowerInvariant();
}
