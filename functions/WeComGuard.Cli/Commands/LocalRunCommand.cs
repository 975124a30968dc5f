using System.CommandLine;
using System.Globalization;
using WeComGuard.Cli.FunctionsHost;
using WeComGuard.Cli.LocalRun;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Commands;

internal static class LocalRunCommand
{
    private static readonly string[] Severities = ["high", "medium", "low"];

    public static Command Create()
    {
        var members = new Option<int>("--members") { Description = "Members in the sandbox tenant.", DefaultValueFactory = _ => 2000 };
        var groups = new Option<int>("--groups") { Description = "Customer groups in the sandbox tenant.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Tenant seed (same seed, same tenant and violations).", DefaultValueFactory = _ => 42 };
        var events = new Option<int>("--events") { Description = "Callbacks in the burst (before duplicates).", DefaultValueFactory = _ => 600 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the roster, the summary and the reports.", Required = true };
        var keep = new Option<bool>("--keep") { Description = "Leave the function app's host and the sandbox running after the summary, until Ctrl-C." };
        var functionsHost = new Option<string?>("--functions-host")
        {
            Description = "Run under the real Azure Functions host: 'func' (Core Tools on PATH) or a host folder (what run-local.sh finds). Default: wecomguard serve in this process.",
        };
        var functionApp = new Option<DirectoryInfo?>("--functions-app")
        {
            Description = "The function app's build output for --functions-host (the folder with functions.metadata).",
        };
        var storage = StorageOption.Create();
        var command = new Command("local-run", "Run WeCom Guard's main job on this machine against a sandbox tenant (what ./scripts/run-local.sh runs).")
        {
            members, groups, seed, events, output, keep, functionsHost, functionApp, storage,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = parse.GetValue(storage) ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
            if (string.IsNullOrWhiteSpace(connection))
            {
                await Console.Error.WriteLineAsync("No storage: pass --storage or set AzureWebJobsStorage (run-local.sh starts Azurite and sets it).");
                return 2;
            }

            FunctionsHostLocation? location = null;
            if (parse.GetValue(functionsHost) is { Length: > 0 } hostValue)
            {
                try
                {
                    location = FunctionsHostLocation.Parse(hostValue);
                }
                catch (ArgumentException error)
                {
                    await Console.Error.WriteLineAsync(error.Message);
                    return 2;
                }

                if (parse.GetValue(functionApp) is not { Exists: true })
                {
                    await Console.Error.WriteLineAsync("--functions-host needs --functions-app: the function app's build output (functions/WeComGuard.Functions/bin/Release/net10.0).");
                    return 2;
                }
            }

            var options = new LocalRunOptions(connection, parse.GetValue(members), parse.GetValue(groups), parse.GetValue(seed), parse.GetValue(events), parse.GetValue(output)!.FullName,
                location, parse.GetValue(functionApp)?.FullName);
            var runner = new LocalRunner(options, Console.Out);
            Func<CancellationToken, Task>? hold = parse.GetValue(keep) ? HoldAsync : null;
            var summary = await runner.RunAsync(hold is null ? null : async ct =>
            {
                await Console.Out.WriteLineAsync("Left running (--keep); Ctrl-C stops the host and the sandbox.");
                await hold(ct);
            }, cancellationToken);
            var text = Describe(summary, options.OutputDirectory);
            await Console.Out.WriteAsync(text);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "summary.txt"), text, cancellationToken);
            var ok = summary.CallbacksAcknowledged == summary.CallbacksSent && summary.ForgedCallbackStatus == 401
                && !summary.EventsByStatus.ContainsKey("failed") && summary.Files.All(f => f.Status != "not scanned")
                && summary.Runs.All(r => r.Status == "succeeded") && summary.Planted.All(p => p.Found)
                && summary.Actions.Count(a => a.Status == "succeeded") == 2 && summary.ActiveWaivers == 1
                && summary.CallbackToFinding.Count > 0 && summary.CallbackToFinding.All(l => l is not null);
            return ok ? 0 : 1;
        });
        return command;
    }

    private static async Task HoldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>p50, p95 and p99 (nearest rank) and the maximum of the latencies, in milliseconds.</summary>
    internal static string DescribeLatency(IReadOnlyCollection<TimeSpan> latencies)
    {
        if (latencies.Count == 0)
        {
            return "(none)";
        }

        var sorted = latencies.Order().ToArray();
        TimeSpan Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Rank(0.50).TotalMilliseconds:F0} ms, p95 {Rank(0.95).TotalMilliseconds:F0} ms, p99 {Rank(0.99).TotalMilliseconds:F0} ms, max {sorted[^1].TotalMilliseconds:F0} ms");
    }

    internal static string Describe(LocalRunSummary summary, string outputDirectory)
    {
        var text = new System.Text.StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine().AppendLine("== WeCom Guard: local run summary ==");
        text.AppendLine(culture, $"Callbacks: {summary.CallbacksAcknowledged}/{summary.CallbacksSent} acknowledged; forged signature answered {summary.ForgedCallbackStatus}.");
        text.AppendLine(culture, $"Events recorded: {summary.EventsByStatus.Values.Sum()} ({string.Join(", ", summary.EventsByStatus.Select(e => $"{e.Key} {e.Value}"))}).");
        text.AppendLine("Files scanned:");
        foreach (var (file, status, verdict, highest) in summary.Files)
        {
            text.AppendLine(culture, $"  {file,-16} {status,-12} {verdict,-10} {highest}");
        }

        text.AppendLine(culture, $"Open findings by severity: {string.Join(", ", Severities.Select(s => $"{s} {summary.OpenFindingsBySeverity.GetValueOrDefault(s)}"))}.");
        foreach (var (rule, count) in summary.OpenFindingsByRule.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine(culture, $"  {rule,-36} {count}");
        }

        text.AppendLine(culture, $"Planted violations found: {summary.Planted.Count(p => p.Found)}/{summary.Planted.Count}.");
        foreach (var group in summary.Planted.GroupBy(p => p.Rule, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(culture, $"  {group.Key,-36} planted {group.Count()}, found {group.Count(p => p.Found)}");
        }

        foreach (var missed in summary.Planted.Where(p => !p.Found))
        {
            text.AppendLine(culture, $"  not found: {missed.Kind} {missed.Subject} ({missed.Rule})");
        }

        text.AppendLine(culture, $"Findings opened by re-checks after callbacks: {summary.RecheckLatencies.Count}; callback's arrival to the finding's FirstSeen {DescribeLatency(summary.RecheckLatencies)}.");
        var appeared = summary.CallbackToFinding.OfType<TimeSpan>().ToList();
        text.AppendLine(culture,
            $"Callback to finding (POST to the row open in Findings, polled), {summary.CallbackToFinding.Count} callbacks planted to open findings: {appeared.Count} appeared, {appeared.Count(l => l <= TimeSpan.FromMinutes(1))} within a minute; {DescribeLatency(appeared)}{(summary.CallbackFindingsAlreadyOpen > 0 ? $" ({summary.CallbackFindingsAlreadyOpen} left out: open before the burst)" : string.Empty)}.");
        text.AppendLine("Audit runs:");
        foreach (var (job, status, report) in summary.Runs.OrderBy(r => r.Job, StringComparer.Ordinal))
        {
            text.AppendLine(culture, $"  {job,-10} {status,-10} {report}");
        }

        text.AppendLine(culture, $"Messages to the security team (WeCom message/send, in the sandbox): {summary.MessagesToSecurityTeam}.");
        text.AppendLine(culture, $"The loop: nudges {string.Join(", ", summary.NudgesByStatus.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => $"{n.Key} {n.Value}"))} (naming {summary.FindingsNudged} findings); action cards to the security team {summary.CardsSent}; waivers in force {summary.ActiveWaivers}.");
        foreach (var (action, rule, subject, approver, status) in summary.Actions)
        {
            text.AppendLine(culture, $"  {action,-9} {rule,-36} {subject,-24} approved by {approver}: {status}");
        }

        text.AppendLine(culture, $"Reports index (every run, the trend, time to resolve, waivers): {summary.IndexPage ?? "not written"}");
        text.AppendLine(culture, $"Reports copied to {Path.Combine(outputDirectory, StorageNames.AuditReportsContainer)}:");
        foreach (var page in summary.ReportFiles.Where(f => f.EndsWith("summary.html", StringComparison.Ordinal)))
        {
            text.AppendLine(culture, $"  {page}");
        }

        return text.ToString();
    }
}
