using System.Text.RegularExpressions;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Hosting;

/// <summary>
/// docs/security-team.md's KQL queries WeCom Guard's logs by EventName and by the properties of its messages: each name
/// queried is one a [LoggerMessage] declares, and each property is a placeholder of one of the queried events.
/// </summary>
public sealed partial class SecurityTeamQueryTests
{
    private const string FunctionsHostPoisonText = "message startswith \"Message has reached MaxDequeueCount\"";

    private static readonly string[] Queries = KustoBlocks().ToArray();

    [Fact]
    public void Every_queried_event_name_is_one_WeCom_Guard_logs()
    {
        var logged = LogEventIdTests.LogMessages().Select(m => m.Attribute.EventName ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var queried = Queries.SelectMany(QueriedEventNames).ToList();

        Assert.True(queried.Count >= 8, $"only {queried.Count} event names queried");
        Assert.All(queried, name => Assert.True(logged.Contains(name), $"docs/security-team.md queries EventName \"{name}\", which nothing logs"));
    }

    [Fact]
    public void Every_queried_property_is_a_value_of_a_queried_event()
    {
        var messages = LogEventIdTests.LogMessages();
        foreach (var query in Queries)
        {
            var events = QueriedEventNames(query).ToHashSet(StringComparer.Ordinal);
            if (events.Count == 0)
            {
                continue;
            }

            var placeholders = messages
                .Where(m => m.Attribute.EventName is { } name && events.Contains(name))
                .SelectMany(m => Placeholder().Matches(m.Attribute.Message).Select(match => match.Groups[1].Value))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var property in CustomDimension().Matches(query).Select(match => match.Groups[1].Value).Where(p => p != "EventName"))
            {
                Assert.True(placeholders.Contains(property), $"customDimensions.{property} is in no message of {string.Join(", ", events)}");
            }
        }
    }

    [Fact]
    public void No_query_matches_WeCom_Guards_message_text()
    {
        // The one exception is the Functions host's own poison-queue message, which WeCom Guard does not log.
        var onMessageText = Queries
            .Where(q => MessageFilter().IsMatch(q) && !q.Contains(FunctionsHostPoisonText, StringComparison.Ordinal))
            .ToList();

        Assert.True(onMessageText.Count == 0, "queries filter on message text: " + string.Join("\n---\n", onMessageText));
    }

    private static IEnumerable<string> KustoBlocks()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "security-team.md"));
        return KustoBlock().Matches(doc).Select(match => match.Groups[1].Value);
    }

    private static IEnumerable<string> QueriedEventNames(string query) =>
        EventNameFilter().Matches(query).SelectMany(match => Quoted().Matches(match.Value).Select(q => q.Groups[1].Value));

    [GeneratedRegex(@"```kusto\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex KustoBlock();

    [GeneratedRegex(@"customDimensions\.EventName\s*(==\s*""[^""]*""|in\s*\([^)]*\))")]
    private static partial Regex EventNameFilter();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"customDimensions\.([A-Za-z]+)")]
    private static partial Regex CustomDimension();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bmessage\s+(has|contains|startswith|==)|parse\s+message")]
    private static partial Regex MessageFilter();
}
