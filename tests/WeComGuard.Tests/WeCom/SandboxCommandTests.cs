using System.CommandLine;
using WeComGuard.Cli.Commands;

namespace WeComGuard.Tests.WeCom;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task Sandbox_command_needs_a_tenant_or_a_member_count()
    {
        var root = new RootCommand { SandboxCommand.Create() };
        using var error = new StringWriter();

        var exitCode = await root.Parse(["sandbox", "--port", "0"]).InvokeAsync(new InvocationConfiguration { Error = error, Output = TextWriter.Null });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--tenant FILE or --members N", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_command_writes_the_roster_and_tenant_and_runs_until_cancelled()
    {
        var folder = Directory.CreateTempSubdirectory("wecomguard-sandbox-cli-");
        try
        {
            var roster = Path.Combine(folder.FullName, "roster.csv");
            var tenant = Path.Combine(folder.FullName, "tenant.json");
            var root = new RootCommand { SandboxCommand.Create() };
            using var stop = new CancellationTokenSource();

            var run = root.Parse(["sandbox", "--members", "30", "--groups", "8", "--seed", "5", "--roster-out", roster, "--tenant-out", tenant])
                .InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null }, stop.Token);
            while (!File.Exists(tenant) && !run.IsCompleted)
            {
                await Task.Delay(50);
            }

            await stop.CancelAsync();
            Assert.Equal(0, await run);
            Assert.StartsWith("employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date", await File.ReadAllTextAsync(roster), StringComparison.Ordinal);
            var loaded = Sandbox.Tenant.SandboxTenant.Load(tenant);
            Assert.Equal(30, loaded.Members.Count);
            Assert.Equal(8, loaded.GroupChats.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
