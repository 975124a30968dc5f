using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeComGuard.Core.Events;

/// <summary>The message on queue <c>wecom-events</c>: only the record's key; the event stays in table <c>WeComEvents</c>.</summary>
public sealed record WeComEventQueueMessage(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("id")] string Id)
{
    public string ToJson() => JsonSerializer.Serialize(this, WeComEventJsonContext.Default.WeComEventQueueMessage);

    /// <exception cref="FormatException">The body is not such a message.</exception>
    public static WeComEventQueueMessage Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        WeComEventQueueMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body.ToMemory().Span, WeComEventJsonContext.Default.WeComEventQueueMessage);
        }
        catch (JsonException error)
        {
            throw new FormatException("The wecom-events message is not JSON of the form {\"app\":...,\"id\":...}.", error);
        }

        if (message is null || string.IsNullOrEmpty(message.App) || string.IsNullOrEmpty(message.Id))
        {
            throw new FormatException("The wecom-events message lacks app or id.");
        }

        return message;
    }
}
