using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using WeComGuard.Cli.Commands;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Scanning;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

public sealed class AuditCommandTests
{
    private static readonly string[] Connection = ["--wecom-api", "http://127.0.0.1:9/cgi-bin/", "--corp-id", "ww0001", "--secret", "s3cr3t-value"];

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Func<AuditSourceConnection, IAuditDataSource>? factory, params string[] args)
    {
        var root = new RootCommand { AuditCommand.Create(factory is null ? null : connection => new AuditCliInputs(factory(connection), new ScannerGroupNoticeInspector())) };
        var parseResult = root.Parse(args);
        var output = new StringWriter();
        var error = new StringWriter();
        if (AuditCommand.IsUsageError(parseResult))
        {
            return (AuditCommand.ReportUsageError(parseResult, error), output.ToString(), error.ToString());
        }

        var exitCode = await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static InMemoryAuditDataSource Source()
    {
        var source = new InMemoryAuditDataSource();
        source.Members.Add(new AuditMember("zhangsan", "张三", "", null, null, 1, AvatarState.Present, [2]));
        source.Members.Add(new AuditMember("lisi", "李四", "工程师", null, null, 1, AvatarState.Present, [2]));
        source.Groups.Add(new AuditGroupChat("wr1", "群聊", "zhangsan", null, [new AuditGroupMember("zhangsan", 1)]));
        return source;
    }

    [Fact]
    public async Task Prints_account_findings_as_jsonl_at_the_given_instant_and_writes_report_files()
    {
        var roster = Path.Combine(RepoPaths.CreateScratchDirectory("audit-cli"), "roster.csv");
        await File.WriteAllTextAsync(roster, "employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date\nE1,张三,zhangsan,,,销售部,,active,2020-01-01,\nE2,李四,lisi,,,研发部,工程师,terminated,2020-01-01,2026-11-01\nE3,bad\n", Encoding.UTF8);
        var outDir = RepoPaths.CreateScratchDirectory("audit-cli-out");
        AuditSourceConnection? seen = null;

        var (exitCode, output, error) = await RunAsync(
            connection => { seen = connection; return Source(); },
            ["audit", "accounts", .. Connection, "--roster", roster, "--as-of", "2026-11-29T02:00:00+08:00", "--format", "jsonl", "--out", outDir]);

        Assert.Equal(0, exitCode);
        Assert.Equal(("ww0001", new Uri("http://127.0.0.1:9/cgi-bin/"), "s3cr3t-value"), (seen!.CorpId, seen.ApiBaseUrl, seen.Secret));
        var findings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(
            ["account.departed-still-enabled|lisi", "account.missing-position|zhangsan"],
            findings.Select(finding => $"{finding["rule"]}|{finding["subject"]}").Order(StringComparer.Ordinal));
        Assert.Contains("roster row 4 skipped", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", error + output, StringComparison.Ordinal);
        var reportFolder = Assert.Single(Directory.GetDirectories(Path.Combine(outDir, "accounts")));
        Assert.Equal(["findings.csv", "findings.jsonl", "summary.html", "summary.json"], Directory.GetFiles(reportFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_a_roster_the_run_is_partial_but_completes_and_prints_a_table()
    {
        var (exitCode, output, error) = await RunAsync(_ => Source(), ["audit", "all", .. Connection]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("account.missing-position", output, StringComparison.Ordinal);
        Assert.Contains("group.unnamed", output, StringComparison.Ordinal);
        Assert.Contains("audit accounts is partial", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_wecom_source_exits_1()
    {
        var source = Source();
        source.FailMembersWith = new HttpRequestException("connection refused");

        var (exitCode, _, error) = await RunAsync(_ => source, ["audit", "accounts", .. Connection]);

        Assert.Equal(1, exitCode);
        Assert.Contains("connection refused", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_wecom_client_the_command_says_so_and_exits_1()
    {
        var (exitCode, _, error) = await RunAsync(null, ["audit", "groups", .. Connection]);

        Assert.Equal(1, exitCode);
        Assert.Contains("no WeCom API client", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit", "everything", "--wecom-api", "http://x/", "--corp-id", "c", "--secret", "s")]
    [InlineData("audit", "accounts", "--corp-id", "c", "--secret", "s")]
    [InlineData("audit", "accounts", "--wecom-api", "not a url", "--corp-id", "c", "--secret", "s")]
    [InlineData("audit", "accounts", "--wecom-api", "http://x/", "--corp-id", "c", "--secret", "s", "--format", "xml")]
    [InlineData("audit", "accounts", "--wecom-api", "http://x/", "--corp-id", "c", "--secret", "s", "--as-of", "yesterday")]
    [InlineData("audit", "accounts", "--wecom-api", "http://x/", "--corp-id", "c", "--secret", "s", "--roster", "/no/such/roster.csv")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(_ => Source(), args);

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(error);
    }

    private static string[] SandboxConnection(SandboxServer sandbox) =>
        ["--wecom-api", sandbox.BaseUrl.ToString(), "--corp-id", sandbox.State.CorpId, "--secret", "cli-secret"];

    private static async Task<(int ExitCode, string Output, string Error)> RunAgainstAsync(string[] args)
    {
        var root = new RootCommand { AuditCommand.Create(WeComAuditSourceFactory.Create) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).WaitAsync(TimeSpan.FromMinutes(3));
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Cli_audit_groups_against_the_sandbox_finds_the_planted_notice_with_an_id_number()
    {
        var tenant = TenantGenerator.Generate(60, 12, seed: 5, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        var planted = tenant.Planted.Single(p => p.Kind == SandboxViolationKinds.SensitiveGroupNotice).Subject;

        var (exitCode, output, error) = await RunAgainstAsync(["audit", "groups", .. SandboxConnection(sandbox), "--format", "jsonl"]);

        Assert.True(exitCode == 0, error);
        var findings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        var notice = Assert.Single(findings, f => (string?)f["rule"] == AuditRuleCatalog.GroupNoticeSensitive.Id);
        Assert.Equal(planted, (string?)notice["subject"]);
        // The CLI reads no chat-archive room log, so only the internal-group part is named as not checked.
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains("skipped", StringComparison.Ordinal)),
            line => Assert.Contains("internal groups were not checked: no chat-archive room log is configured", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cli_audit_without_security_access_names_the_skipped_rules_on_stderr_and_in_the_report()
    {
        var options = new SandboxOptions { Tenant = TenantGenerator.Generate(60, 12, seed: 5, DateTimeOffset.UtcNow) };
        options.SecretsWithoutSecurityAccess.Add("cli-secret");
        await using var sandbox = await SandboxServer.StartAsync(options);
        var outDir = RepoPaths.CreateScratchDirectory("audit-cli-skipped");

        var (exitCode, _, error) = await RunAgainstAsync(["audit", "all", .. SandboxConnection(sandbox), "--out", outDir]);

        Assert.True(exitCode == 0, error);
        foreach (var rule in new[] { AuditRuleCatalog.NewDeviceLogins, AuditRuleCatalog.LoginAfterDeparture, AuditRuleCatalog.FileSensitiveSharedExternally })
        {
            Assert.Contains($"rule {rule.Id} skipped", error, StringComparison.Ordinal);
        }

        Assert.Contains("48002", error, StringComparison.Ordinal);
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(outDir, "accounts"))), "summary.json")))!;
        var skipped = summary["skippedRules"]!.AsArray().Select(s => (string)s!["rule"]!).ToList();
        Assert.Contains(AuditRuleCatalog.NewDeviceLogins.Id, skipped);
        Assert.DoesNotContain(AuditRuleCatalog.NewDeviceLogins.Id, summary["evaluatedRules"]!.AsArray().Select(r => (string)r!));
        Assert.Contains(AuditRuleCatalog.MissingPosition.Id, summary["evaluatedRules"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task Cli_audit_groups_against_a_server_that_ignores_the_cursor_ends_partial_naming_the_api_and_cursor()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = TenantGenerator.Generate(60, 12, seed: 5, DateTimeOffset.UtcNow) });
        sandbox.State.Faults.IgnoreCursor("externalcontact/groupchat/list");

        var (exitCode, _, error) = await RunAgainstAsync(["audit", "groups", .. SandboxConnection(sandbox)]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("audit groups is partial", error, StringComparison.Ordinal);
        Assert.Contains("externalcontact/groupchat/list paging stopped", error, StringComparison.Ordinal);
        Assert.Contains("cursor '", error, StringComparison.Ordinal);
    }
}
