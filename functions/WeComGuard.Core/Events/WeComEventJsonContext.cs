using System.Text.Json.Serialization;

namespace WeComGuard.Core.Events;

[JsonSerializable(typeof(WeComEventQueueMessage))]
internal sealed partial class WeComEventJsonContext : JsonSerializerContext;
