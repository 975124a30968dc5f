using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using WeComGuard.Core.Callbacks;

namespace WeComGuard.Sandbox.Callbacks;

/// <summary>
/// Delivers events as WeCom does: encrypts the XML with the app's EncodingAESKey, signs it with its Token, POSTs the
/// XML envelope to <c>?msg_signature=&amp;timestamp=&amp;nonce=</c>, and retries until HTTP 200 (up to <see cref="CallbackSenderOptions.MaxRetries"/> retries).
/// </summary>
public sealed class WeComCallbackSender
{
    private readonly HttpClient _http;
    private readonly CallbackSenderOptions _options;
    private readonly byte[] _aesKey;

    public WeComCallbackSender(HttpClient http, CallbackSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _aesKey = WeComCallbackCrypto.DecodeAesKey(options.EncodingAesKey);
    }

    /// <summary>Builds the signed, encrypted POST for <paramref name="plaintextXml"/>: the query string and the XML envelope.</summary>
    public (string Query, string Body) Seal(string plaintextXml, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(plaintextXml);
        var encrypted = WeComCallbackCrypto.Encrypt(_aesKey, Encoding.UTF8.GetBytes(plaintextXml), _options.ReceiveId);
        var ts = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeComCallbackCrypto.ComputeSignature(_options.Token, ts, nonce, encrypted);
        var body = new XElement("xml",
            new XElement("ToUserName", new XCData(_options.ReceiveId)),
            new XElement("Encrypt", new XCData(encrypted)),
            new XElement("AgentID", new XCData(_options.AgentId))).ToString(SaveOptions.DisableFormatting);
        return ($"msg_signature={signature}&timestamp={ts}&nonce={nonce}", body);
    }

    public async Task<CallbackDelivery> SendAsync(string plaintextXml, CancellationToken cancellationToken = default)
    {
        var (query, body) = Seal(plaintextXml, DateTimeOffset.UtcNow);
        var builder = new UriBuilder(_options.CallbackUrl);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
        var url = builder.Uri;
        int? lastStatus = null;
        for (var attempt = 1; attempt <= _options.MaxRetries + 1; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "text/xml");
                using var response = await _http.PostAsync(url, content, timeout.Token).ConfigureAwait(false);
                lastStatus = (int)response.StatusCode;
                if (lastStatus == 200)
                {
                    return new CallbackDelivery(true, attempt, lastStatus);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                lastStatus = null;
            }
        }

        return new CallbackDelivery(false, _options.MaxRetries + 1, lastStatus);
    }
}
