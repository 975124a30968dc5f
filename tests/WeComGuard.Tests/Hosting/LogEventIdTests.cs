using System.Reflection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Tests.Hosting;

/// <summary>Each [LoggerMessage] has its own EventId and EventName, so that queries on them find one kind of event.</summary>
public sealed class LogEventIdTests
{
    internal static List<(string Method, LoggerMessageAttribute Attribute)> LogMessages() =>
        typeof(SettingNames).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(method => (Method: $"{method.DeclaringType!.Name}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(entry => entry.Attribute is not null)
            .Select(entry => (entry.Method, entry.Attribute!))
            .ToList();

    [Fact]
    public void Every_event_id_and_event_name_is_unique_across_the_core()
    {
        var messages = LogMessages();
        Assert.True(messages.Count >= 30, $"only {messages.Count} [LoggerMessage] methods found");

        var sameId = messages.GroupBy(m => m.Attribute.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        var sameName = messages.GroupBy(m => m.Attribute.EventName).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(sameId.Count == 0, "EventIds used twice: " + string.Join("; ", sameId));
        Assert.True(sameName.Count == 0, "EventNames used twice: " + string.Join("; ", sameName));
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.Attribute.EventName), m.Method + " has no EventName"));
    }

    [Fact]
    public void Each_capability_keeps_to_its_event_id_range()
    {
        var ranges = new Dictionary<string, int>
        {
            ["CallbackLog"] = 1000, ["EventLog"] = 1100, ["WeComClientLog"] = 2000, ["DirectoryLog"] = 3000,
            ["AuditLog"] = 4000, ["ScanLog"] = 5000, ["NotificationLog"] = 6000,
        };
        foreach (var (method, attribute) in LogMessages())
        {
            var type = method.Split('.')[0];
            Assert.True(ranges.TryGetValue(type, out var start), $"{type} has no EventId range here");
            Assert.InRange(attribute.EventId, start, start + 99);
        }
    }
}
