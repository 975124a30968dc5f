using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Reports.Index;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Runs;

/// <summary>
/// Runs one audit: records the run in <c>AuditRuns</c>, evaluates at the run's instant T, records findings (resolving
/// only after a complete run), writes the report once, and tells the security team when configured.
/// </summary>
public sealed class AuditRunner
{
    private readonly FindingStore _findings;
    private readonly AuditRunStore _runs;
    private readonly AuditReportStore _reports;
    private readonly ISecurityTeamNotifier _notifier;
    private readonly SecurityTeamRecipients _recipients;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditRunner> _logger;
    private readonly WaiverStore _waivers;
    private readonly AuditIndexStore _index;

    public AuditRunner(
        FindingStore findings,
        AuditRunStore runs,
        AuditReportStore reports,
        ISecurityTeamNotifier notifier,
        SecurityTeamRecipients recipients,
        TimeProvider time,
        ILogger<AuditRunner> logger,
        WaiverStore waivers,
        AuditIndexStore index)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(waivers);
        ArgumentNullException.ThrowIfNull(index);
        _findings = findings;
        _runs = runs;
        _reports = reports;
        _notifier = notifier;
        _recipients = recipients;
        _time = time;
        _logger = logger;
        _waivers = waivers;
        _index = index;
    }

    public static string NewRunId(DateTimeOffset started) =>
        string.Create(CultureInfo.InvariantCulture, $"{started.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}")[..25];

    public async Task<AuditRunResult> RunAsync(
        string audit, Func<AuditClock, CancellationToken, Task<AuditOutcome>> evaluate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(audit);
        ArgumentNullException.ThrowIfNull(evaluate);
        var started = _time.GetUtcNow();
        var runId = NewRunId(started);
        var clock = new AuditClock(started);
        await _runs.WriteAsync(new AuditRunRecord(runId, audit, started, null, AuditRunStatus.Running, 0, 0, 0, null, null, null), cancellationToken).ConfigureAwait(false);
        _logger.RunStarted(audit, runId, started);

        AuditOutcome? outcome = null;
        FindingsUpdate? update = null;
        string? error = null;
        var status = AuditRunStatus.Failed;
        try
        {
            outcome = await evaluate(clock, cancellationToken).ConfigureAwait(false);
            status = outcome.IsComplete ? AuditRunStatus.Succeeded : AuditRunStatus.Partial;
            foreach (var skipped in outcome.SkippedRules)
            {
                _logger.RuleSkipped(audit, runId, skipped.Rule, skipped.Reason);
            }

            var rulesToResolve = status == AuditRunStatus.Succeeded ? outcome.EvaluatedRules : [];
            update = await _findings.RecordAsync(runId, outcome.Findings, rulesToResolve, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (status == AuditRunStatus.Partial)
            {
                error = string.Join("; ", outcome.IncompleteReasons);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: leave a finished row behind rather than one that says "running" forever.
            await _runs.WriteAsync(
                new AuditRunRecord(runId, audit, started, _time.GetUtcNow(), AuditRunStatus.Failed, 0, 0, 0, null, null, "cancelled: the host was stopping"),
                CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception failure)
        {
            status = AuditRunStatus.Failed;
            error = Describe(failure);
            _logger.RunFailed(failure, audit, runId);
        }

        string? reportPath = null;
        HashSet<FindingKey>? waived = null;
        if (outcome is not null && update is not null)
        {
            try
            {
                var active = await _waivers.GetActiveAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                waived = outcome.Findings.Select(f => new FindingKey(f.Rule, f.Subject)).Where(active.ContainsKey).ToHashSet();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Waivers only label the report; a report without them still says so (waived: null).
                _logger.WaiversUnreadable(failure, audit, runId);
            }
        }

        if (outcome is not null)
        {
            var report = new AuditReport(
                audit, runId, AuditRunStore.StatusName(status), clock.AsOf, started, _time.GetUtcNow(), outcome.Findings,
                update?.New.Select(finding => new FindingKey(finding.Rule, finding.Subject)).ToHashSet(), update?.Resolved,
                outcome.IncompleteReasons, outcome.RosterProblems, outcome.Inputs, error)
            {
                EvaluatedRules = outcome.EvaluatedRules,
                SkippedRules = outcome.SkippedRules,
                Waived = waived,
            };
            try
            {
                await _reports.WriteAsync(report.BlobPrefix, AuditReportRenderer.Render(report), cancellationToken).ConfigureAwait(false);
                reportPath = $"{StorageNames.AuditReportsContainer}/{report.BlobPrefix}";
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                _logger.ReportNotWritten(failure, audit, runId);
                error = string.Join("; ", new[] { error, $"report not written: {Describe(failure)}" }.Where(text => text is not null));
            }
        }

        var result = new AuditRunResult(
            runId, audit, status, outcome?.Findings.Count ?? 0, update?.New.Count ?? 0, update?.Resolved.Count ?? 0, reportPath, error);
        var countsByRule = outcome is null
            ? null
            : new JsonObject([.. outcome.Findings.GroupBy(finding => finding.Rule, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => KeyValuePair.Create(group.Key, (JsonNode?)group.Count()))]).ToJsonString();
        await _runs.WriteAsync(
            new AuditRunRecord(runId, audit, started, _time.GetUtcNow(), status, result.FindingCount, result.NewCount, result.ResolvedCount, countsByRule, reportPath, error)
            {
                WaivedCount = waived?.Count,
            },
            CancellationToken.None).ConfigureAwait(false);
        await WriteIndexAsync(audit, runId, cancellationToken).ConfigureAwait(false);
        _logger.RunFinished(audit, runId, AuditRunStore.StatusName(status), result.FindingCount, result.NewCount, result.ResolvedCount);
        await NotifyAsync(result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task WriteIndexAsync(string audit, string runId, CancellationToken cancellationToken)
    {
        try
        {
            await _index.WriteAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The index is derived from the tables: a run is recorded without it, and the next run rewrites it.
            _logger.IndexNotWritten(failure, audit, runId);
        }
    }

    private async Task NotifyAsync(AuditRunResult result, CancellationToken cancellationToken)
    {
        if (_recipients.UserIds.Count == 0)
        {
            return;
        }

        var markdown = string.Create(CultureInfo.InvariantCulture, $"""
            **WeCom Guard 审计 {result.Audit}**: {AuditRunStore.StatusName(result.Status)}
            > 发现 Findings: <font color="warning">{result.FindingCount}</font>
            > 新增 New: {result.NewCount} · 已解决 Resolved: {result.ResolvedCount}
            > 运行 Run: {result.RunId}
            > 报告 Report: {result.ReportPath ?? "(none)"}{(result.ReportPath is null ? string.Empty : ReportPaths.SummaryHtml)}
            > 索引 Index: {AuditIndexStore.Location}
            """);
        try
        {
            await _notifier.SendMarkdownAsync(_recipients.UserIds, markdown, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The run is recorded; a lost message must not fail it.
            _logger.MessageNotSent(failure, result.Audit, result.RunId);
        }
    }

    private static string Describe(Exception failure) => $"{failure.GetType().Name}: {failure.Message}";
}
