using System.Text;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Events;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Callbacks;

/// <summary>
/// Answers WeCom's callbacks on <c>/api/wecom/callback/{app}</c>: URL verification (GET) and encrypted events (POST).
/// The signature is the authentication. An event is answered 200 only once it is durably recorded.
/// </summary>
public sealed class WeComCallbackHandler
{
    /// <summary>Bodies larger than this are refused with 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// WeCom abandons a callback after 5 s and retries: storage gets this much of it, retries included (the storage
    /// clients retry a slow call twice), then the answer is 503.
    /// </summary>
    public static readonly TimeSpan StorageDeadline = TimeSpan.FromSeconds(4);

    private readonly CallbackReceivers _receivers;
    private readonly WeComEventRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComCallbackHandler> _logger;

    public WeComCallbackHandler(CallbackReceivers receivers, WeComEventRecorder recorder, TimeProvider time, ILogger<WeComCallbackHandler> logger)
    {
        _receivers = receivers;
        _recorder = recorder;
        _time = time;
        _logger = logger;
    }

    /// <summary>Dispatches on the HTTP method: GET verifies the URL, POST receives an event.</summary>
    public Task<CallbackResponse> HandleAsync(string method, string app, CallbackQuery query, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (HttpMethods.IsGet(method))
        {
            return Task.FromResult(VerifyUrl(app, query));
        }

        return HttpMethods.IsPost(method)
            ? ReceiveAsync(app, query, body, contentLength, cancellationToken)
            : Task.FromResult(Refuse(app, CallbackRefusalReason.MethodNotAllowed, "only GET and POST are served"));
    }

    /// <summary>URL verification: check the signature over the echostr, decrypt it, and answer its plaintext exactly.</summary>
    public CallbackResponse VerifyUrl(string app, CallbackQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!_receivers.TryGet(app, out var receiver))
        {
            return Refuse(app, CallbackRefusalReason.UnknownApp, "no receiver is configured under this name");
        }

        app = receiver.Name;
        if (string.IsNullOrEmpty(query.EchoStr))
        {
            return Refuse(app, CallbackRefusalReason.MissingParameter, "echostr is required for URL verification");
        }

        try
        {
            var decrypted = CallbackVerifier.Open(receiver, query, query.EchoStr.Replace(' ', '+'), _receivers.MaxSkewSeconds, _time.GetUtcNow());
            _logger.UrlVerified(app);
            return CallbackResponse.Echo(Encoding.UTF8.GetString(decrypted.Message));
        }
        catch (WeComCryptoException error)
        {
            return Refuse(app, error.Reason, error.Message);
        }
    }

    /// <summary>An event: authenticate, decrypt, parse, record once, queue; 200 only after the record is durable.</summary>
    public async Task<CallbackResponse> ReceiveAsync(string app, CallbackQuery query, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(body);
        if (!_receivers.TryGet(app, out var receiver))
        {
            return Refuse(app, CallbackRefusalReason.UnknownApp, "no receiver is configured under this name");
        }

        app = receiver.Name; // the configured name from here on: it keys the record and the queue message
        if (string.IsNullOrEmpty(query.MsgSignature) || string.IsNullOrEmpty(query.Timestamp) || string.IsNullOrEmpty(query.Nonce))
        {
            return Refuse(app, CallbackRefusalReason.MissingParameter, "msg_signature, timestamp and nonce are required");
        }

        var bytes = await ReadBodyAsync(body, contentLength, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Refuse(app, CallbackRefusalReason.BodyTooLarge, $"the body exceeds {MaxBodyBytes} bytes");
        }

        try
        {
            var envelope = CallbackEnvelope.Parse(bytes);
            var decrypted = CallbackVerifier.Open(receiver, query, envelope.Encrypt, _receivers.MaxSkewSeconds, _time.GetUtcNow());
            var weComEvent = WeComEventParser.ParseHeader(decrypted.Message);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(StorageDeadline);
            try
            {
                await _recorder.RecordAsync(app, weComEvent, decrypted.Message, decrypted.Ciphertext, deadline.Token)
                    .ConfigureAwait(false);
                return CallbackResponse.Accepted;
            }
            catch (Exception error) when (IsStorageFailure(error, deadline.Token))
            {
                if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    _logger.StorageTooSlow(error, app, StorageDeadline);
                }
                else
                {
                    _logger.StorageUnavailable(error, app);
                }

                return CallbackResponse.Refused(CallbackRefusalReason.StorageUnavailable);
            }
        }
        catch (WeComCryptoException error)
        {
            return Refuse(app, error.Reason, error.Message);
        }
        catch (WeComEventFormatException error)
        {
            return Refuse(app, CallbackRefusalReason.MalformedPayload, error.Message);
        }
    }

    /// <summary>
    /// Storage failed, was slow past the deadline or the request went away: in whatever shape the storage SDK threw it
    /// (an <see cref="OperationCanceledException"/>, an <see cref="AggregateException"/> of them...). Never a 500.
    /// </summary>
    private static bool IsStorageFailure(Exception error, CancellationToken deadline) =>
        error is StorageUnavailableException || deadline.IsCancellationRequested || StorageUnavailableException.IsTransient(error, CancellationToken.None);

    private static async Task<byte[]?> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(contentLength is > 0 ? (int)contentLength.Value : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private CallbackResponse Refuse(string app, CallbackRefusalReason reason, string detail)
    {
        var response = CallbackResponse.Refused(reason);
        _logger.Refused(app, response.StatusCode, reason, (int)reason, detail);
        return response;
    }
}
