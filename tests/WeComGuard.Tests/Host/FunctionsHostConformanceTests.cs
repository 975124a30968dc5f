using System.Text.Json.Nodes;
using WeComGuard.Cli.FunctionsHost;

namespace WeComGuard.Tests.Host;

/// <summary>
/// The host conformance suite: the function app's Release output under the real Azure Functions host (the runtime
/// <c>func start</c> and Azure run) with Azurite, the real Storage Queues and Timers extensions, and the admin API. The
/// shared scenarios are in <see cref="AppHostConformance{TFixture}"/>; what only the real host can show is here.
/// </summary>
[RequiresFunctionsHost]
[Trait("Needs", "Azurite"), Trait("Needs", "FunctionsHost")]
public sealed class FunctionsHostConformanceTests(FunctionsHostFixture host) : AppHostConformance<FunctionsHostFixture>(host)
{
    [AppHostFact]
    public async Task Every_function_in_functions_metadata_is_indexed_with_the_bindings_it_declares()
    {
        var declared = AppHostFixture.Metadata.Functions;

        var indexed = (await Fixture.FunctionsHost.Process.GetFunctionsAsync(CancellationToken.None)).OfType<JsonObject>()
            .ToDictionary(f => (string)f["name"]!, StringComparer.Ordinal);

        Assert.Equal(declared.Select(f => (string)f["name"]!).Order(StringComparer.Ordinal), indexed.Keys.Order(StringComparer.Ordinal));
        foreach (var function in declared)
        {
            var name = (string)function["name"]!;
            var bindings = (indexed[name]["config"]?["bindings"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var binding in (function["bindings"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var match = bindings.SingleOrDefault(b => (string?)b["name"] == (string?)binding["name"]);
                Assert.True(match is not null, $"{name}: the host did not index binding {binding["name"]}");
                foreach (var (property, value) in binding)
                {
                    // "properties" are the Worker SDK's hints to the host (deferred binding), not the binding's configuration.
                    if (property == "properties")
                    {
                        continue;
                    }

                    var actual = match!.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value;
                    Assert.True(Same(value, actual), $"{name}.{binding["name"]}.{property}: functions.metadata says {value?.ToJsonString()}, the host indexed {actual?.ToJsonString() ?? "nothing"}");
                }
            }
        }
    }

    [AppHostFact]
    public void The_host_answered_ping_and_indexed_the_functions()
    {
        var process = Fixture.FunctionsHost.Process;

        Assert.True(process.TimeToPing > TimeSpan.Zero);
        Assert.True(process.TimeToIndexed >= process.TimeToPing);
        Assert.Equal(FunctionsHostKind.HostFolder == Fixture.FunctionsHost.Location.Kind, process.MasterKey is not null);
    }

    [AppHostFact]
    public async Task Timers_run_through_the_admin_api_are_logged_as_host_invocations()
    {
        var timer = AppHostFixture.Metadata.TimerFunctions.First(t => t == "SyncDirectory");
        var before = Fixture.FunctionsHost.Process.Executions(timer).Count;

        await Fixture.Host.RunTimerAsync(timer, CancellationToken.None);

        Assert.Equal(before + 1, Fixture.FunctionsHost.Process.Executions(timer).Count);
        Assert.True(Fixture.FunctionsHost.Process.Executions(timer)[^1]);
    }

    // Strings compare case-insensitively (the host writes "In" or "in", "Anonymous" or "anonymous"); arrays item by item.
    private static bool Same(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => Same(p.First, p.Second)),
        (JsonValue e, JsonValue a) => string.Equals(e.ToString(), a.ToString(), StringComparison.OrdinalIgnoreCase),
        _ => JsonNode.DeepEquals(expected, actual),
    };
}
