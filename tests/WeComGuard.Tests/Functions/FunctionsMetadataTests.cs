using System.Reflection;
using System.Text.Json.Nodes;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Functions;

/// <summary>
/// The binding contract, read from the functions.metadata the Worker SDK generates at build time (what the Functions
/// host reads): function names, triggers, routes, methods, auth levels, queue names and schedule settings.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(Load);

    private static JsonArray Load()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepoPaths.Root, "functions", "WeComGuard.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    private static JsonObject Function(string name) =>
        Metadata.Value.Select(f => f!.AsObject()).SingleOrDefault(f => (string?)f["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function named {name}.");

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void WeComCallback_is_an_anonymous_GET_and_POST_http_trigger_on_wecom_callback_app()
    {
        var trigger = Trigger(Function("WeComCallback"));

        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal("Anonymous", (string?)trigger["authLevel"]);
        Assert.Equal("wecom/callback/{app}", (string?)trigger["route"]);
        Assert.Equal(["get", "post"], trigger["methods"]!.AsArray().Select(m => (string)m!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_function_app_has_exactly_its_nine_functions()
    {
        // The account and group audits run inside SyncDirectory, after the sync.
        Assert.Equal(
            ["AuditAdminActions", "AuditFileTransfers", "AuditHandover", "ProcessWeComEvent", "ScanFile", "SendNudges", "SweepWeComEvents", "SyncDirectory", "WeComCallback"],
            Metadata.Value.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SweepWeComEvents_is_a_timer_on_EventSweepSchedule()
    {
        var trigger = Trigger(Function("SweepWeComEvents"));

        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal($"%{SettingNames.EventSweepSchedule}%", (string?)trigger["schedule"]);
    }

    [Theory]
    [InlineData("ProcessWeComEvent", StorageNames.WeComEventsQueue)]
    [InlineData("ScanFile", StorageNames.FileScanQueue)]
    public void Queue_functions_listen_on_their_queues_through_AzureWebJobsStorage(string name, string queue)
    {
        var trigger = Trigger(Function(name));

        Assert.Equal("queueTrigger", (string?)trigger["type"]);
        Assert.Equal(queue, (string?)trigger["queueName"]);
        Assert.Equal(StorageNames.ConnectionSetting, (string?)trigger["connection"]);
    }

    [Fact]
    public void Every_trigger_uses_known_queues_and_schedule_settings()
    {
        var settings = typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        foreach (var function in Metadata.Value.Select(f => f!.AsObject()))
        {
            var trigger = Trigger(function);
            switch ((string)trigger["type"]!)
            {
                case "queueTrigger":
                    Assert.Contains((string)trigger["queueName"]!, StorageNames.Queues);
                    break;
                case "timerTrigger":
                    var schedule = (string)trigger["schedule"]!;
                    Assert.Matches("^%[A-Za-z]+%$", schedule);
                    Assert.Contains(schedule.Trim('%'), settings);
                    break;
                case "httpTrigger":
                    Assert.StartsWith("wecom/", (string)trigger["route"]!, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Fail($"{function["name"]} has an unexpected trigger {trigger["type"]}.");
                    break;
            }
        }
    }
}
