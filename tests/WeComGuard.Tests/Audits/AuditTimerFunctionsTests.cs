using System.Reflection;
using System.Text.Json.Nodes;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

/// <summary>The audit timers as the Functions host sees them (functions.metadata generated at build time).</summary>
public sealed class AuditTimerFunctionsTests
{
    [Theory]
    [InlineData("SyncDirectory", "%DirectorySyncSchedule%")]
    [InlineData("AuditFileTransfers", "%FileTransferAuditSchedule%")]
    [InlineData("AuditAdminActions", "%AdminAuditSchedule%")]
    [InlineData("AuditHandover", "%HandoverAuditSchedule%")]
    public void Audit_timers_read_their_schedule_from_app_settings(string name, string schedule)
    {
        var configuration = typeof(AuditTimerFunctionsTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepoPaths.Root, "functions", "WeComGuard.Functions", "bin", configuration, "net10.0", "functions.metadata");
        var function = JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(node => node!.AsObject()).Single(node => (string?)node["name"] == name);

        var trigger = function["bindings"]!.AsArray().Select(binding => binding!.AsObject()).Single(binding => (string?)binding["type"] == "timerTrigger");

        Assert.Equal(schedule, (string?)trigger["schedule"]);
    }
}
