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
            var output = new ListeningLineWriter();

            var run = root.Parse(["sandbox", "--port", "0", "--members", "30", "--groups", "8", "--seed", "5", "--roster-out", roster, "--tenant-out", tenant])
                .InvokeAsync(new InvocationConfiguration { Output = output }, stop.Token);

            // Both files are written before the sandbox starts listening.
            await Task.WhenAny(output.Listening, run).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.False(run.IsCompleted, "The sandbox stopped before it listened: " + output);

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

/// <summary>Captures the sandbox command's output and signals the line that says it is listening.</summary>
internal sealed class ListeningLineWriter : StringWriter
{
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Listening => listening.Task;

    public override void WriteLine(string? value)
    {
        lock (this)
        {
            base.WriteLine(value);
        }

        if (value?.StartsWith("WeCom sandbox listening on ", StringComparison.Ordinal) == true)
        {
            listening.TrySetResult();
        }
    }

    public override string ToString()
    {
        lock (this)
        {
            return base.ToString();
        }
    }
}
