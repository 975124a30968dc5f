using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Reports;

namespace WeComGuard.Cli.Commands;

/// <summary>One <c>wecomguard audit</c> invocation: evaluates an audit at T, prints findings, optionally writes report files.</summary>
internal sealed class AuditCliRun(
    AuditCliInputs inputs,
    IRosterSource? roster,
    ISensitiveFileIndex? sensitiveFiles,
    DateTimeOffset asOf,
    string format,
    DirectoryInfo? outDir,
    TextWriter output,
    TextWriter error)
{
    private readonly string _runId = $"cli-{asOf.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";

    public async Task<int> RunAsync(string audit, CancellationToken cancellationToken)
    {
        var clock = new AuditClock(asOf);
        AuditOptions options;
        try
        {
            // The thresholds (Audits__*) come from the environment, read and checked as the app reads its settings.
            options = new ConfigurationBuilder().AddEnvironmentVariables().Build()
                .ResolveValidatedOptions<AuditOptions>(AuditServiceCollectionExtensions.AddAuditOptions);
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or InvalidOperationException)
        {
            // A value out of range (the validator) or not a number (the configuration binder), each naming the setting.
            await error.WriteLineAsync($"wecomguard audit: {invalid.Message}").ConfigureAwait(false);
            return AuditCommand.Usage;
        }

        var started = DateTimeOffset.UtcNow;
        AuditOutcome outcome;
        try
        {
            outcome = audit switch
            {
                AuditNames.Accounts => await AccountAuditEvaluator.EvaluateAsync(inputs.Source, roster, options, clock, cancellationToken).ConfigureAwait(false),
                AuditNames.Groups => await GroupAuditEvaluator.EvaluateAsync(inputs.Source, roster, inputs.NoticeInspector, options, clock, cancellationToken).ConfigureAwait(false),
                AuditNames.AdminActions => await AdminAuditEvaluator.EvaluateAsync(inputs.Source, options, clock, cancellationToken).ConfigureAwait(false),
                AuditNames.Handover => await HandoverAuditEvaluator.EvaluateAsync(inputs.Source, roster, options, clock, cancellationToken).ConfigureAwait(false),
                _ => await EvaluateFilesAsync(clock, options, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await error.WriteLineAsync($"audit {audit} failed: {failure.GetType().Name}: {failure.Message}").ConfigureAwait(false);
            return AuditCommand.Failed;
        }

        foreach (var reason in outcome.IncompleteReasons)
        {
            await error.WriteLineAsync($"audit {audit} is partial: {reason}").ConfigureAwait(false);
        }

        foreach (var skipped in outcome.SkippedRules)
        {
            await error.WriteLineAsync($"audit {audit}: rule {skipped.Rule} skipped: {skipped.Reason}").ConfigureAwait(false);
        }

        foreach (var problem in outcome.RosterProblems)
        {
            await error.WriteLineAsync($"roster row {problem.RowNumber} skipped: {problem.Reason}").ConfigureAwait(false);
        }

        await PrintAsync(outcome.Findings).ConfigureAwait(false);
        if (outDir is not null)
        {
            var report = new AuditReport(
                audit, _runId, outcome.IsComplete ? "succeeded" : "partial", asOf, started, DateTimeOffset.UtcNow, outcome.Findings,
                null, null, outcome.IncompleteReasons, outcome.RosterProblems, outcome.Inputs, null)
            {
                EvaluatedRules = outcome.EvaluatedRules,
                SkippedRules = outcome.SkippedRules,
            };
            var folder = Directory.CreateDirectory(Path.Combine(outDir.FullName, audit, _runId));
            foreach (var file in AuditReportRenderer.Render(report))
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, file.Name), file.Content.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"audit {audit}: report written to {folder.FullName}").ConfigureAwait(false);
        }

        return AuditCommand.Completed;
    }

    private async Task<AuditOutcome> EvaluateFilesAsync(AuditClock clock, AuditOptions options, CancellationToken cancellationToken)
    {
        if (sensitiveFiles is null)
        {
            await error.WriteLineAsync("audit files: AzureWebJobsStorage is not set, so no scanner verdicts are known and no file can match.").ConfigureAwait(false);
        }

        var outcome = await FileTransferAuditEvaluator.EvaluateAsync(inputs.Source, sensitiveFiles ?? new NoSensitiveFiles(), options, clock, cancellationToken).ConfigureAwait(false);
        return sensitiveFiles is null ? outcome with { IncompleteReasons = [.. outcome.IncompleteReasons, "no scanner verdicts (FileScans) are available"] } : outcome;
    }

    private async Task PrintAsync(IReadOnlyList<Finding> findings)
    {
        if (format == "jsonl")
        {
            foreach (var finding in findings)
            {
                await output.WriteLineAsync(FindingJson.ToLine(finding)).ConfigureAwait(false);
            }

            return;
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"SEVERITY",-8}  {"RULE",-34}  {"SUBJECT",-40}  TITLE");
        foreach (var finding in findings)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{finding.Severity.ToName(),-8}  {finding.Rule,-34}  {finding.Subject,-40}  {finding.Title}");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"{findings.Count} finding(s)");
        await output.WriteAsync(table.ToString()).ConfigureAwait(false);
    }

    private sealed class NoSensitiveFiles : ISensitiveFileIndex
    {
        public Task<IReadOnlySet<string>> GetSensitiveMd5sAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
    }
}
