namespace WeComGuard.Core.Scanning;

/// <summary>What became of a file. <see cref="Encrypted"/> is a good sign (the handbook asks for encryption), not an error.</summary>
public enum FileScanStatus
{
    Scanned,
    Encrypted,
    Unsupported,
    Failed,
}
