namespace WeComGuard.Core.DirectoryMirror;

/// <summary>One run of the nightly directory sync (table <c>DirectorySyncRuns</c>). Status: running, succeeded or failed.</summary>
public sealed record DirectorySyncRun(
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Status,
    string? Error,
    int Departments,
    int Members,
    int GroupChats,
    int Written,
    int MarkedRemoved);
