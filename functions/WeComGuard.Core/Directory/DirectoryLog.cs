using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>The directory mirror and its sync (EventIds 3000-3099).</summary>
internal static partial class DirectoryLog
{
    [LoggerMessage(EventId = 3000, EventName = "DirectorySyncStarted", Level = LogLevel.Information, Message = "Directory sync {RunId} started.")]
    public static partial void SyncStarted(this ILogger logger, string runId);

    [LoggerMessage(EventId = 3001, EventName = "DirectorySyncFailed", Level = LogLevel.Error, Message = "Directory sync {RunId} failed; nothing was marked removed.")]
    public static partial void SyncFailed(this ILogger logger, Exception error, string runId);

    [LoggerMessage(EventId = 3002, EventName = "DirectorySyncSucceeded", Level = LogLevel.Information, Message = "Directory sync {RunId} succeeded: {Departments} departments, {Members} members, {Groups} groups; {Written} rows written, {Removed} marked removed.")]
    public static partial void SyncSucceeded(this ILogger logger, string runId, int departments, int members, int groups, int written, int removed);

    [LoggerMessage(EventId = 3010, EventName = "DirectoryMirrorNotConfigured", Level = LogLevel.Warning, Message = "The directory mirror skipped {Kind}: WeCom__CorpId and a WeCom secret are not set.")]
    public static partial void MirrorNotConfigured(this ILogger logger, string kind);

    [LoggerMessage(EventId = 3011, EventName = "DirectoryEventIgnored", Level = LogLevel.Warning, Message = "A {Event} {ChangeType} event without {Field} was ignored.")]
    public static partial void EventIgnored(this ILogger logger, string @event, string? changeType, string field);

    [LoggerMessage(EventId = 3012, EventName = "DirectoryGroupVersionGap", Level = LogLevel.Warning, Message = "Customer group {ChatId}: member version {Stored} does not match the event's LastMemVer {Last}; a member-change event was missed or is late. Re-read the group.")]
    public static partial void GroupVersionGap(this ILogger logger, string chatId, string? stored, string? last);
}
