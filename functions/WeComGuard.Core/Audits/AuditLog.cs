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

    [LoggerMessage(EventId = 4006, EventName = "AuditWaiversUnreadable", Level = LogLevel.Warning, Message = "Audit {Audit} run {RunId}: waivers could not be read for the report.")]
    public static partial void WaiversUnreadable(this ILogger logger, Exception error, string audit, string runId);
}
