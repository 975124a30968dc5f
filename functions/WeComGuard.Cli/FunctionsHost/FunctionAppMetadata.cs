using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WeComGuard.Cli.FunctionsHost;

/// <summary>The functions the Worker SDK wrote to functions.metadata (what the Functions host indexes), with their bindings.</summary>
public sealed partial class FunctionAppMetadata
{
    private FunctionAppMetadata(IReadOnlyList<JsonObject> functions) => Functions = functions;

    /// <summary>Each function as functions.metadata declares it (<c>name</c>, <c>bindings</c>, ...).</summary>
    public IReadOnlyList<JsonObject> Functions { get; }

    /// <summary>Names of the timer-triggered functions.</summary>
    public IReadOnlyList<string> TimerFunctions =>
        [.. Functions.Where(f => TriggerType(f) == "timerTrigger").Select(f => (string)f["name"]!)];

    /// <summary>App settings the timer schedules are bound to (<c>%Setting%</c>).</summary>
    public IReadOnlyList<string> ScheduleSettings =>
        [.. Functions.Select(Trigger).OfType<JsonObject>().Where(t => (string?)t["type"] == "timerTrigger")
            .Select(t => SettingReference().Match((string?)t["schedule"] ?? string.Empty)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    public static FunctionAppMetadata Load(string appOutput)
    {
        var path = Path.Combine(appOutput, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{appOutput} has no functions.metadata: build functions/WeComGuard.Functions (-c Release) first.");
        }

        return new FunctionAppMetadata([.. (JsonNode.Parse(File.ReadAllText(path))?.AsArray() ?? []).OfType<JsonObject>()]);
    }

    /// <summary>The function's trigger binding (the one whose type ends in <c>Trigger</c>).</summary>
    public static JsonObject? Trigger(JsonObject function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return (function["bindings"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(b => ((string?)b["type"] ?? string.Empty).EndsWith("Trigger", StringComparison.Ordinal));
    }

    private static string? TriggerType(JsonObject function) => (string?)Trigger(function)?["type"];

    [GeneratedRegex("^%([A-Za-z0-9_]+)%$")]
    private static partial Regex SettingReference();
}
