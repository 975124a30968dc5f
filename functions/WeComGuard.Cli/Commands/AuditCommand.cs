using System.CommandLine;
using System.Globalization;
using System.Text;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// <c>wecomguard audit accounts|groups|files|admin|handover|all</c>: runs the audits' own evaluation code against any WeCom API and
/// prints the findings, with the thresholds of the <c>Audits__…</c> environment variables (as the function app's settings). It keeps no finding history (nothing is written to Table Storage). Exit 0 when every run
/// completed (partial runs say why on stderr), 1 when one failed, 2 for usage errors.
/// </summary>
internal static class AuditCommand
{
    public const int Completed = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const string SecretEnvironmentVariable = "WECOMGUARD_WECOM_SECRET";

    private static readonly string[] Audits = [AuditNames.Accounts, AuditNames.Groups, AuditNames.FileTransfers, AuditNames.AdminActions, AuditNames.Handover, "all"];

    /// <param name="sourceFactory">
    /// Builds the WeCom-backed audit source for a connection; null while no WeCom client is available, in which case the
    /// command explains that and fails.
    /// </param>
    public static Command Create(Func<AuditSourceConnection, AuditCliInputs>? sourceFactory)
    {
        var which = new Argument<string>("audit") { Description = "accounts, groups, files, admin, handover or all." };
        which.AcceptOnlyFromAmong(Audits);
        var api = new Option<string>("--wecom-api") { Description = "WeCom API base URL, e.g. https://qyapi.weixin.qq.com/cgi-bin/.", Required = true };
        var corpId = new Option<string>("--corp-id") { Description = "The corp id (CorpID).", Required = true };
        var secret = new Option<string?>("--secret") { Description = $"The app secret (or set {SecretEnvironmentVariable} to keep it out of the shell history)." };
        var roster = new Option<FileInfo?>("--roster") { Description = "The HR roster export (CSV or XLSX). Without it the account and group audits are partial." };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The run's instant T (ISO 8601, e.g. 2026-11-29T02:00:00+08:00). Default: now." };
        var format = new Option<string>("--format") { Description = "jsonl (one finding per line) or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Also write findings.jsonl, findings.csv, summary.json and summary.html under this folder." };

        var command = new Command("audit", "Run WeCom Guard's account, group or file-transfer audit against a WeCom API and print the findings.")
        {
            which, api, corpId, secret, roster, asOf, format, outDir,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var secretValue = parseResult.GetValue(secret) ?? Environment.GetEnvironmentVariable(SecretEnvironmentVariable);
            if (string.IsNullOrWhiteSpace(secretValue))
            {
                await error.WriteLineAsync($"Option '--secret' (or {SecretEnvironmentVariable}) is required.").ConfigureAwait(false);
                return Usage;
            }

            if (!Uri.TryCreate(parseResult.GetRequiredValue(api), UriKind.Absolute, out var apiBaseUrl) || apiBaseUrl.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync("Option '--wecom-api' must be an absolute http(s) URL.").ConfigureAwait(false);
                return Usage;
            }

            var rosterFile = parseResult.GetValue(roster);
            if (rosterFile is not null && !rosterFile.Exists)
            {
                await error.WriteLineAsync($"Roster file '{rosterFile.FullName}' does not exist.").ConfigureAwait(false);
                return Usage;
            }

            if (sourceFactory is null)
            {
                await error.WriteLineAsync("This build of wecomguard has no WeCom API client to read audits from yet.").ConfigureAwait(false);
                return Failed;
            }

            var connection = new AuditSourceConnection(apiBaseUrl, parseResult.GetRequiredValue(corpId), secretValue);
            var run = new AuditCliRun(
                sourceFactory(connection),
                rosterFile is null ? null : new FileRosterSource(rosterFile.FullName),
                SensitiveFilesFromEnvironment(),
                parseResult.GetValue(asOf) ?? DateTimeOffset.UtcNow,
                parseResult.GetRequiredValue(format),
                parseResult.GetValue(outDir),
                output,
                error);
            var audit = parseResult.GetRequiredValue(which);
            var audits = audit == "all" ? Audits[..^1] : [audit];
            var exitCode = Completed;
            foreach (var name in audits)
            {
                if (await run.RunAsync(name, cancellationToken).ConfigureAwait(false) != Completed)
                {
                    exitCode = Failed;
                }
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>True when <paramref name="parseResult"/> is an <c>audit</c> command line with errors: report them and exit 2.</summary>
    public static bool IsUsageError(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.Errors.Count > 0 && parseResult.CommandResult.Command.Name == "audit";
    }

    public static int ReportUsageError(ParseResult parseResult, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var parseError in parseResult.Errors)
        {
            error.WriteLine(parseError.Message);
        }

        error.WriteLine("Usage: wecomguard audit accounts|groups|files|admin|handover|all --wecom-api URL --corp-id ID --secret S [--roster FILE] [--as-of INSTANT] [--format jsonl|table] [--out DIR]");
        return Usage;
    }

    // The scanner's verdicts live in table FileScans; without storage the file audit can match nothing.
    private static TableSensitiveFileIndex? SensitiveFilesFromEnvironment()
    {
        var connection = Environment.GetEnvironmentVariable(StorageNames.ConnectionSetting);
        return string.IsNullOrWhiteSpace(connection) ? null : new TableSensitiveFileIndex(StorageClients.FromConnectionString(connection));
    }
}
