using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.Audits;

/// <summary>Audit runs (EventIds 4000-4099).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 4000, EventName = "AuditRunStarted", Level = LogLevel.Information, Message = "Audit {Audit} run {RunId} started at {AsOf}.")]
    public static partial void RunStarted(this ILogger logger, string audit, string runId, DateTimeOffset asOf);

    [LoggerMessage(EventId = 4001, EventName = "AuditRuleSkipped", Level = LogLevel.Warning, Message = "Audit {Audit} run {RunId} skipped rule {Rule}: {Reason}")]
    public static partial void RuleSkipped(this ILogger logger, string audit, string runId, string rule, string reason);

    [LoggerMessage(EventId = 4002, EventName = "AuditRunFailed", Level = LogLevel.Error, Message = "Audit {Audit} run {RunId} failed.")]
    public static partial void RunFailed(this ILogger logger, Exception error, string audit, string runId);

    [LoggerMessage(EventId = 4003, EventName = "AuditReportNotWritten", Level = LogLevel.Error, Message = "Audit {Audit} run {RunId}: the report could not be written.")]
    public static partial void ReportNotWritten(this ILogger logger, Exception error, string audit, string runId);

    [LoggerMessage(EventId = 4004, EventName = "AuditRunFinished", Level = LogLevel.Information, Message = "Audit {Audit} run {RunId} {Status}: {Findings} findings, {New} new, {Resolved} resolved.")]
    public static partial void RunFinished(this ILogger logger, string audit, string runId, string status, int findings, int @new, int resolved);

    [LoggerMessage(EventId = 4005, EventName = "AuditMessageNotSent", Level = LogLevel.Warning, Message = "Audit {Audit} run {RunId}: the security team message could not be sent.")]
    public static partial void MessageNotSent(this ILogger logger, Exception error, string audit, string runId);

    [LoggerMessage(EventId = 4007, EventName = "AuditIndexNotWritten", Level = LogLevel.Warning, Message = "Audit {Audit} run {RunId}: the reports index could not be rewritten; the next run rewrites it.")]
    public static partial void IndexNotWritten(this ILogger logger, Exception error, string audit, string runId);

    [LoggerMessage(EventId = 4010, EventName = "AuditNightlyOnFailedSync", Level = LogLevel.Warning, Message = "The nightly audits run on a mirror whose sync failed: they are partial and resolve nothing.")]
    public static partial void NightlyOnFailedSync(this ILogger logger);

    [LoggerMessage(EventId = 4020, EventName = "AuditRecheckRecorded", Level = LogLevel.Information, Message = "Re-check {RunId} of {Subject}: {Findings} findings ({New} new), {Resolved} resolved, {Evaluated} rule-subject pairs evaluated, {LatencyMs} ms after the callback.")]
    public static partial void RecheckRecorded(this ILogger logger, string runId, string subject, int findings, int @new, int resolved, int evaluated, double? latencyMs);

    [LoggerMessage(EventId = 4021, EventName = "AuditRecheckBeforeFirstSync", Level = LogLevel.Information, Message = "Re-check of {Subject} skipped: no directory sync has completed yet, so the mirror is not the whole directory.")]
    public static partial void RecheckBeforeFirstSync(this ILogger logger, string subject);

    [LoggerMessage(EventId = 4022, EventName = "AuditRecheckWithoutRoster", Level = LogLevel.Warning, Message = "Re-checks run without the HR roster: {Problem}. The rules that need it wait for the nightly run.")]
    public static partial void RecheckWithoutRoster(this ILogger logger, string problem);
    [LoggerMessage(EventId = 4006, EventName = "AuditWaiversUnreadable", Level = LogLevel.Warning, Message = "Audit {Audit} run {RunId}: waivers could not be read for the report.")]
    public static partial void WaiversUnreadable(this ILogger logger, Exception error, string audit, string runId);
}
