using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace WeComGuard.Core.Telemetry;

/// <summary>
/// Redacts secret query values (<see cref="SecretQueryRedaction"/>) from every Application Insights item before it is
/// sent: the dependency collector records outgoing URLs in full (<c>gettoken?corpid=…&amp;corpsecret=…</c>,
/// <c>…?access_token=…</c>), requests keep their query (<c>echostr</c>), and exception messages can quote a URL.
/// </summary>
/// <remarks>
/// An initializer rather than a processor: initializers run before every processor, including Live Metrics' one,
/// which sends its samples outside the channel.
/// </remarks>
public sealed class SecretRedactingTelemetryInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case DependencyTelemetry dependency:
                dependency.Name = RedactOrNull(dependency.Name);
                dependency.Data = RedactOrNull(dependency.Data);
                dependency.Target = RedactOrNull(dependency.Target);
                break;
            case RequestTelemetry request:
                request.Name = RedactOrNull(request.Name);
                request.Url = request.Url is null ? null : SecretQueryRedaction.Redact(request.Url);
                break;
            case ExceptionTelemetry exception:
                RedactException(exception);
                break;
            case TraceTelemetry trace:
                trace.Message = RedactOrNull(trace.Message);
                break;
            default:
                break;
        }

        if (telemetry is ISupportProperties { Properties: { Count: > 0 } properties })
        {
            foreach (var (key, value) in properties.ToList())
            {
                if (value is not null && RedactOrNull(value) is { } redacted && !string.Equals(redacted, value, StringComparison.Ordinal))
                {
                    properties[key] = redacted;
                }
            }
        }
    }

    private static void RedactException(ExceptionTelemetry exception)
    {
        foreach (var details in exception.ExceptionDetailsInfoList)
        {
            details.Message = RedactOrNull(details.Message);
        }

        if (exception.Message is not null)
        {
            exception.Message = SecretQueryRedaction.Redact(exception.Message);
        }
    }

    private static string? RedactOrNull(string? text) => text is null ? null : SecretQueryRedaction.Redact(text);
}
