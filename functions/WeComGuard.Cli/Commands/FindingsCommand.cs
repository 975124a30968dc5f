using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// <c>wecomguard findings list|waive|act</c>: operators' view of table <c>Findings</c> and the same waivers and actions
/// the security team approves from WeCom, through the same core (settings from the environment, as the app reads them).
/// Exit 0 done (or a dry run), 1 refused, failed or not confirmed, 2 usage.
/// </summary>
internal static class FindingsCommand
{
    public static Command Create()
    {
        var command = new Command("findings", "List findings, waive them, or act on them (table Findings, Waivers, Actions).");
        var storage = StorageOption.Create();
        var rule = new Option<string?>("--rule") { Description = "Only this rule, e.g. account.departed-still-enabled." };
        var status = new Option<string?>("--status") { Description = "open, waived or resolved." };
        status.AcceptOnlyFromAmong(FindingEntityColumns.StatusOpen, FindingView.StatusWaived, FindingEntityColumns.StatusResolved);
        var approver = new Option<string?>("--approver") { Description = "Who approves (recorded); default cli:{the OS user}." };

        var list = new Command("list", "One line per finding: rule, subject, severity, status (open, waived, resolved), first seen, waiver; then counts.") { rule, status, storage };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(parse.GetValue(storage));
            var findings = await services.GetRequiredService<FindingQueries>().ListAsync(parse.GetValue(rule), parse.GetValue(status), DateTimeOffset.UtcNow, cancellationToken);
            var writer = parse.InvocationConfiguration.Output;
            foreach (var finding in findings)
            {
                var waiver = finding.Waiver is { } w && finding.Status == FindingView.StatusWaived
                    ? string.Create(CultureInfo.InvariantCulture, $"\twaived by {w.Approver} until {w.ExpiresAt:yyyy-MM-dd}: {w.Reason}")
                    : string.Empty;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{finding.Rule}\t{finding.Subject}\t{finding.Severity}\t{finding.Status}\t{finding.FirstSeen:O}{waiver}"));
            }

            var counts = findings.GroupBy(f => f.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
            writer.WriteLine(findings.Count == 0 ? "no findings" : string.Join(", ", counts));
            return 0;
        });

        var ruleArgument = new Argument<string>("RULE") { Description = "The finding's rule id." };
        var subjectArgument = new Argument<string>("SUBJECT") { Description = "The finding's subject (userid, chat_id, ...)." };
        var days = new Option<int>("--days") { Description = "How long the waiver lasts (1 to 365 days).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (a shared service account, a bot...): recorded and shown.", Required = true };
        var waive = new Command("waive", "Waive a finding for N days: no nudges, shown as waived, open again when the waiver expires.") { ruleArgument, subjectArgument, days, reason, approver, storage };
        waive.SetAction(async (parse, cancellationToken) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(days) is < 1 or > 365 || string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                writer.WriteLine("--days must be 1 to 365 and --reason must say why.");
                return 2;
            }

            await using var services = Services(parse.GetValue(storage));
            var request = new ActionRequest(NewActionId(), parse.GetValue(ruleArgument)!, parse.GetValue(subjectArgument)!, RemediationActionNames.Waive,
                Approver(parse.GetValue(approver)), "cli", parse.GetValue(days), parse.GetValue(reason));
            return Report(writer, (await services.GetRequiredService<RemediationService>().ExecuteAsync(request, cancellationToken)).Record);
        });

        var action = new Option<string>("--action") { Description = "disable, transfer, reinvite or waive (for the finding's rule).", Required = true };
        action.AcceptOnlyFromAmong([.. RemediationActionNames.All]);
        var yes = new Option<bool>("--yes") { Description = "Act (without it, only say what would be done)." };
        var act = new Command("act", "Run an action on a finding, as a security team card does (a dry run unless Remediation__Enabled is true).") { ruleArgument, subjectArgument, action, yes, approver, storage };
        act.SetAction(async (parse, cancellationToken) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            await using var services = Services(parse.GetValue(storage));
            var remediation = services.GetRequiredService<RemediationService>();
            var (findingRule, subject, name) = (parse.GetValue(ruleArgument)!, parse.GetValue(subjectArgument)!, parse.GetValue(action)!);
            if (!parse.GetValue(yes))
            {
                writer.WriteLine($"Would {name} {findingRule} {subject} ({(remediation.Enabled ? "WeCom is changed" : "dry run: Remediation__Enabled is not true")}). Pass --yes to act.");
                return 1;
            }

            var request = new ActionRequest(NewActionId(), findingRule, subject, name, Approver(parse.GetValue(approver)), "cli");
            return Report(writer, (await remediation.ExecuteAsync(request, cancellationToken)).Record);
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(waive);
        command.Subcommands.Add(act);
        return command;
    }

    private static int Report(TextWriter writer, ActionRecord record)
    {
        writer.WriteLine($"{record.ActionId}\t{record.Action}\t{record.Rule}\t{record.Subject}\t{record.Status}\t{record.Summary}");
        writer.WriteLine($"request: {record.Request}");
        writer.WriteLine($"response: {record.Response}");
        if (record.LogBlob is not null)
        {
            writer.WriteLine($"log: {StorageNames.AuditReportsContainer}/{record.LogBlob}");
        }

        return record.Status is ActionStatus.Succeeded or ActionStatus.DryRun or ActionStatus.Partial ? 0 : 1;
    }

    private static string NewActionId() =>
        string.Create(CultureInfo.InvariantCulture, $"cli-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}")[..29];

    private static string Approver(string? value) => string.IsNullOrWhiteSpace(value) ? "cli:" + Environment.UserName : value.Trim();

    // The app's own services over the environment's settings (WeCom__*, Remediation__*), with --storage when given.
    private static ServiceProvider Services(string? storage)
    {
        var settings = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(storage))
        {
            settings[StorageNames.ConnectionSetting] = storage;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
        if (string.IsNullOrWhiteSpace(configuration[StorageNames.ConnectionSetting]) && configuration.GetSection(StorageNames.ConnectionSetting).GetChildren().All(c => c.Value is null))
        {
            throw new InvalidOperationException("No storage connection: pass --storage or set AzureWebJobsStorage.");
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWeComGuard(configuration);
        return services.BuildServiceProvider();
    }
}
