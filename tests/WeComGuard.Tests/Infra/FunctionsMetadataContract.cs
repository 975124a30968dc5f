using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// What the function bindings need from the deployment, read from the build-generated functions.metadata: every
/// <c>%Setting%</c> they resolve, every queue they trigger on or write to, every blob container, every connection.
/// </summary>
public sealed partial class FunctionsMetadataContract
{
    private FunctionsMetadataContract(
        IReadOnlyList<string> functions, IReadOnlySet<string> settings, IReadOnlySet<string> queues,
        IReadOnlySet<string> containers, IReadOnlySet<string> connections, IReadOnlySet<string> httpRoutes)
    {
        HttpRoutes = httpRoutes;
        Functions = functions;
        Settings = settings;
        Queues = queues;
        Containers = containers;
        Connections = connections;
    }

    public IReadOnlyList<string> Functions { get; }

    /// <summary>Settings named as %Name% anywhere in a binding (schedules, queue names, paths).</summary>
    public IReadOnlySet<string> Settings { get; }

    /// <summary>Literal queue names of queue triggers and outputs.</summary>
    public IReadOnlySet<string> Queues { get; }

    /// <summary>Literal containers of blob triggers, inputs and outputs (the first segment of the path).</summary>
    public IReadOnlySet<string> Containers { get; }

    /// <summary>Connection settings named by bindings (identity-based: Name__*).</summary>
    public IReadOnlySet<string> Connections { get; }

    /// <summary>Routes of HTTP triggers (without the host's route prefix).</summary>
    public IReadOnlySet<string> HttpRoutes { get; }

    /// <summary>functions.metadata of the WeComGuard.Functions build matching this test build (Debug or Release).</summary>
    public static string DefaultPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        return Path.Combine(
            Infrastructure.RepoPaths.Root, "functions", "WeComGuard.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    public static FunctionsMetadataContract Parse(string json)
    {
        var functions = new List<string>();
        var settings = new SortedSet<string>(StringComparer.Ordinal);
        var queues = new SortedSet<string>(StringComparer.Ordinal);
        var containers = new SortedSet<string>(StringComparer.Ordinal);
        var connections = new SortedSet<string>(StringComparer.Ordinal);
        var httpRoutes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var function in JsonNode.Parse(json)!.AsArray().OfType<JsonObject>())
        {
            functions.Add((string?)function["name"] ?? "?");
            foreach (var binding in (function["bindings"] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var (_, value) in binding)
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        foreach (Match match in SettingReference().Matches(s))
                        {
                            settings.Add(match.Groups[1].Value);
                        }
                    }
                }

                var type = (string?)binding["type"] ?? string.Empty;
                if (type.StartsWith("queue", StringComparison.OrdinalIgnoreCase) && (string?)binding["queueName"] is { } queue && !queue.Contains('%', StringComparison.Ordinal))
                {
                    queues.Add(queue);
                }

                if (type.StartsWith("blob", StringComparison.OrdinalIgnoreCase) && (string?)binding["path"] is { } path && !path.StartsWith('%'))
                {
                    containers.Add(path.Split('/')[0]);
                }

                if (type == "httpTrigger" && (string?)binding["route"] is { Length: > 0 } route)
                {
                    httpRoutes.Add(route);
                }

                if ((string?)binding["connection"] is { Length: > 0 } connection)
                {
                    connections.Add(connection);
                }
            }
        }

        return new FunctionsMetadataContract(functions, settings, queues, containers, connections, httpRoutes);
    }

    /// <summary>What the given app settings, queues and containers leave unmet, one line each; empty when all is there.</summary>
    public IReadOnlyList<string> Unmet(IReadOnlyDictionary<string, string> appSettings, IReadOnlyCollection<string> queues, IReadOnlyCollection<string> containers)
    {
        ArgumentNullException.ThrowIfNull(appSettings);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(containers);
        var unmet = new List<string>();
        unmet.AddRange(Settings.Where(setting => !appSettings.ContainsKey(setting) && !appSettings.ContainsKey(setting.Replace(":", "__", StringComparison.Ordinal)))
            .Select(setting => $"app setting {setting} (bound as %{setting}%)"));
        unmet.AddRange(Queues.Where(queue => !queues.Contains(queue)).Select(queue => $"queue {queue}"));
        unmet.AddRange(Containers.Where(container => !containers.Contains(container)).Select(container => $"blob container {container}"));
        unmet.AddRange(Connections.Where(connection => !appSettings.ContainsKey(connection) && !appSettings.Keys.Any(key => key.StartsWith(connection + "__", StringComparison.Ordinal)))
            .Select(connection => $"connection {connection} (setting {connection} or {connection}__*)"));
        return unmet;
    }

    [GeneratedRegex("%([A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingReference();
}
