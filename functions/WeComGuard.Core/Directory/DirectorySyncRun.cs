namespace WeComGuard.Core.DirectoryMirror;

/// <summary>One row of table <c>DirectorySyncRuns</c>: a run of the nightly directory sync, the same shape as an audit run.</summary>
public sealed record DirectorySyncRun(
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    DirectorySyncStatus Status,
    string? Error,
    int Departments,
    int Members,
    int GroupChats,
    int Written,
    int MarkedRemoved);
