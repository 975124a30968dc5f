namespace WeComGuard.Core.DirectoryMirror;

/// <summary>How a directory sync run ended. Only a succeeded run marks rows removed and lets the nightly audits resolve findings.</summary>
public enum DirectorySyncStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 3,
}
