namespace WeComGuard.Cli.Commands;

/// <summary>One path met while walking the PATH arguments: a file to scan, or one skipped (with a note) or failed (with the reason).</summary>
internal sealed record ScanTarget(string Path, ScanTargetKind Kind, string? Reason = null);

internal enum ScanTargetKind
{
    File,
    Skipped,
    Failed,
}
