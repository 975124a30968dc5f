using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Polly.Timeout;

namespace WeComGuard.Core.WeCom;

/// <summary>
/// The HTTP contract with WeCom, for the API client and the token cache: JSON bodies with Content-Length, and every
/// answer that is not a WeCom answer turned into <see cref="WeComUnexpectedResponseException"/>.
/// </summary>
internal static partial class WeComHttp
{
    private const int MaxTitleLength = 80;

    /// <summary>
    /// A JSON request body serialized up front, so that it goes out with Content-Length: gateways that cannot read a
    /// chunked body (PHP and Python ones among them) see it as empty, and WeCom answers 44002.
    /// </summary>
    public static ByteArrayContent JsonBody<T>(T body, JsonTypeInfo<T> bodyType)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Sends through the named client's pipeline; a timeout or transport failure that outlasted the retries becomes typed.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string api, HttpCompletionOption completion, WeComOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new WeComUnexpectedResponseException(
                api, WeComResponseProblem.Timeout,
                $"no complete answer within {options.AttemptTimeout.TotalSeconds:0.###} s, in each of {options.MaxRetries + 1} attempt(s).",
                innerException: timeout);
        }
        catch (HttpRequestException transport) when (transport is not WeComUnexpectedResponseException && transport.StatusCode is null)
        {
            throw new WeComUnexpectedResponseException(
                api, WeComResponseProblem.Transport, $"the connection failed or closed before the answer was complete ({transport.Message}).",
                innerException: transport);
        }
    }

    /// <summary>Throws for a redirect or an HTTP error status, saying what came back (never the query, which carries the token).</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string api, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location;
            var target = location is null ? "no Location" : Describe(response.RequestMessage?.RequestUri, location);
            throw new WeComUnexpectedResponseException(
                api, WeComResponseProblem.Redirect,
                $"HTTP {status} redirecting to {target}, which was not followed: a proxy or gateway (its login page?) answers at WeCom__ApiBaseUrl, not WeCom.",
                response.StatusCode, mediaType);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new WeComUnexpectedResponseException(
                api, WeComResponseProblem.HttpError,
                $"HTTP {status}{await ContentDescriptionAsync(response, mediaType, cancellationToken).ConfigureAwait(false)}.",
                response.StatusCode, mediaType);
        }
    }

    /// <summary>Reads a WeCom JSON answer: success status, a body, JSON, and an errcode.</summary>
    public static async Task<(WeComResponse Envelope, byte[] Body)> ReadEnvelopeAsync(HttpResponseMessage response, string api, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, api, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw new WeComUnexpectedResponseException(api, WeComResponseProblem.Empty, $"HTTP {(int)response.StatusCode} with an empty body.", response.StatusCode, mediaType);
        }

        if (IsHtml(mediaType, body))
        {
            throw new WeComUnexpectedResponseException(
                api, WeComResponseProblem.Html,
                $"HTTP {(int)response.StatusCode}{await ContentDescriptionAsync(response, mediaType, cancellationToken).ConfigureAwait(false)}: a proxy or gateway answered, not WeCom.",
                response.StatusCode, mediaType);
        }

        WeComResponse? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, WeComJsonContext.Default.WeComResponse);
        }
        catch (JsonException error)
        {
            var first = body.First(b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
            throw first is (byte)'{' or (byte)'['
                ? new WeComUnexpectedResponseException(api, WeComResponseProblem.InvalidJson, $"{body.Length} bytes of JSON that do not parse (cut off or malformed).", response.StatusCode, mediaType, error)
                : new WeComUnexpectedResponseException(api, WeComResponseProblem.NotJson, $"{body.Length} bytes of {mediaType ?? "untyped content"} that are not JSON.", response.StatusCode, mediaType, error);
        }

        if (envelope?.ErrCode is null)
        {
            throw new WeComUnexpectedResponseException(api, WeComResponseProblem.NoErrorCode, "JSON without the errcode every WeCom answer carries.", response.StatusCode, mediaType);
        }

        return (envelope, body);
    }

    /// <summary>The payload of an errcode-0 answer, or a typed error when its JSON does not have WeCom's shape.</summary>
    public static T ReadPayload<T>(byte[] body, JsonTypeInfo<T> resultType, string api)
    {
        try
        {
            return JsonSerializer.Deserialize(body, resultType) ?? throw new WeComApiException(api, WeComErrorCodes.IncompleteAnswer, "empty answer");
        }
        catch (JsonException error)
        {
            throw new WeComUnexpectedResponseException(api, WeComResponseProblem.InvalidJson, $"the answer's fields do not have WeCom's types ({error.Path}).", innerException: error);
        }
    }

    private static bool IsHtml(string? mediaType, byte[] body)
    {
        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var first = Array.FindIndex(body, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
        return first >= 0 && body[first] == (byte)'<';
    }

    private static async Task<string> ContentDescriptionAsync(HttpResponseMessage response, string? mediaType, CancellationToken cancellationToken)
    {
        if (mediaType is null)
        {
            return string.Empty;
        }

        if (!mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return $" ({mediaType})";
        }

        // An error or login page's title says which proxy answered; the rest of the page is not repeated.
        var head = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(head, 0, Math.Min(head.Length, 4096));
        var title = TitlePattern().Match(text);
        if (!title.Success)
        {
            return " with an HTML page";
        }

        var cleaned = WhitespacePattern().Replace(title.Groups[1].Value, " ").Trim();
        return $" with an HTML page titled \"{(cleaned.Length <= MaxTitleLength ? cleaned : cleaned[..MaxTitleLength] + "…")}\"";
    }

    private static string Describe(Uri? requestUri, Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : requestUri is null ? null : new Uri(requestUri, location);
        if (absolute is null)
        {
            return "a relative location";
        }

        var where = absolute.GetLeftPart(UriPartial.Path);
        return requestUri is not null && !string.Equals(absolute.Authority, requestUri.Authority, StringComparison.OrdinalIgnoreCase)
            ? $"{where} (another host)"
            : where;
    }

    [GeneratedRegex("<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex WhitespacePattern();
}
