using System.CommandLine;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using WeComGuard.Cli.Commands;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.Remediation;

/// <summary><c>wecomguard findings list|waive|act</c> against the same storage the function app writes; the next audit report counts the waiver.</summary>
[Trait("Needs", "Azurite")]
public sealed class FindingsCommandTests
{
    [Fact]
    public async Task Operators_list_waive_and_act_through_the_same_core_and_the_report_counts_the_waiver()
    {
        await using var loop = await LoopHarness.StartAsync();
        await loop.RunAsync("SyncDirectory");
        var storage = loop.Azurite.ConnectionString;
        var departed = loop.DepartedEnabledSubject();
        var avatar = loop.Tenant.Planted.First(p => p.Kind == SandboxViolationKinds.MissingAvatar).Subject;

        var (code, text) = await RunAsync("findings", "list", "--rule", AuditRuleCatalog.DepartedStillEnabled.Id, "--storage", storage);
        Assert.Equal(0, code);
        Assert.Contains($"{AuditRuleCatalog.DepartedStillEnabled.Id}\t{departed}\thigh\topen", text, StringComparison.Ordinal);

        (code, text) = await RunAsync("findings", "waive", AuditRuleCatalog.MissingAvatar.Id, avatar, "--days", "7", "--reason", "机器人账号", "--approver", "security-lead", "--storage", storage);
        Assert.Equal(0, code);
        Assert.Contains("succeeded", text, StringComparison.Ordinal);
        (code, text) = await RunAsync("findings", "list", "--status", "waived", "--storage", storage);
        Assert.Contains($"{avatar}\tlow\twaived", text, StringComparison.Ordinal);
        Assert.Contains("waived by security-lead until", text, StringComparison.Ordinal);
        Assert.Contains("机器人账号", text, StringComparison.Ordinal);

        (code, text) = await RunAsync("findings", "act", AuditRuleCatalog.DepartedStillEnabled.Id, departed, "--action", "disable", "--storage", storage);
        Assert.Equal(1, code);
        Assert.Contains("Pass --yes to act", text, StringComparison.Ordinal);
        (code, text) = await RunAsync("findings", "act", AuditRuleCatalog.DepartedStillEnabled.Id, departed, "--action", "disable", "--yes", "--storage", storage);
        Assert.Equal(0, code);
        Assert.Contains("dry-run", text, StringComparison.Ordinal); // the CLI's environment does not set Remediation__Enabled
        Assert.Equal(0, loop.Sandbox.State.CallCount("user/update"));
        (code, text) = await RunAsync("findings", "act", AuditRuleCatalog.MissingAvatar.Id, avatar, "--action", "disable", "--yes", "--storage", storage);
        Assert.Equal(1, code);
        Assert.Contains("refused", text, StringComparison.Ordinal);

        await loop.RunAsync("SyncDirectory");
        var reports = loop.Storage.Container(StorageNames.AuditReportsContainer);
        var summaries = new List<JsonNode>();
        await foreach (var blob in reports.GetBlobsAsync(new GetBlobsOptions { Prefix = "accounts/" }))
        {
            if (blob.Name.EndsWith("summary.json", StringComparison.Ordinal))
            {
                summaries.Add(JsonNode.Parse((await reports.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString())!);
            }
        }

        Assert.Equal([0, 1], summaries.OrderBy(s => (DateTimeOffset)s["started"]!).Select(s => (int)s["totals"]!["waived"]!));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var root = new RootCommand { FindingsCommand.Create() };
        using var output = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (code, output.ToString());
    }
}
