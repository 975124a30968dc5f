using System.Collections.Concurrent;
using System.Text;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.Extensibility.Implementation;

namespace WeComGuard.Tests.Telemetry;

/// <summary>A telemetry channel that keeps what it is given and renders it as the Application Insights channels send it.</summary>
public sealed class CapturingTelemetryChannel : ITelemetryChannel
{
    private readonly ConcurrentQueue<ITelemetry> _sent = new();

    public bool? DeveloperMode { get; set; }

    public string? EndpointAddress { get; set; }

    public IReadOnlyList<ITelemetry> Sent => [.. _sent];

    public void Send(ITelemetry item) => _sent.Enqueue(item);

    /// <summary>The ingestion payload (newline-delimited JSON) the channel would post for everything sent so far.</summary>
    public string Payload() => Encoding.UTF8.GetString(JsonSerializer.Serialize(Sent, compress: false));

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
