using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Events;

namespace WeComGuard.Core.Callbacks;

/// <summary>
/// The configured callback receivers by name (the <c>{app}</c> of <c>/api/wecom/callback/{app}</c>), each key decoded
/// once at start from the options <see cref="WeComCallbackOptionsValidator"/> checked. The endpoint verifies and
/// decrypts with them, and <c>ProcessWeComEvent</c> decrypts the recorded events with them.
/// </summary>
public sealed class CallbackReceivers : IRecordedEventDecryptor
{
    private readonly Dictionary<string, CallbackReceiver> _receivers = new(StringComparer.OrdinalIgnoreCase);

    public CallbackReceivers(IOptions<WeComCallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        MaxSkewSeconds = value.CallbackMaxSkewSeconds;
        foreach (var (app, receiver) in value.Callbacks)
        {
            _receivers[app] = CallbackReceiver.Create(app, receiver.Token, receiver.EncodingAesKey, receiver.ReceiveId);
        }
    }

    /// <summary>Callbacks whose timestamp is further than this from now are refused as replays; 0 turns the check off.</summary>
    public int MaxSkewSeconds { get; }

    public IReadOnlyCollection<string> Apps => _receivers.Keys;

    public bool TryGet(string app, [MaybeNullWhen(false)] out CallbackReceiver receiver) => _receivers.TryGetValue(app, out receiver);

    /// <summary>True for 43 characters from [A-Za-z0-9] that decode to a 32-byte AES key (WXBizMsgCrypt's rule).</summary>
    public static bool IsEncodingAesKey(string? encodingAesKey)
    {
        try
        {
            return encodingAesKey is not null && WeComCallbackCrypto.DecodeAesKey(encodingAesKey).Length == 32;
        }
        catch (WeComCryptoException)
        {
            return false;
        }
    }

    public string ReceiverName(string app) => _receivers.TryGetValue(app, out var receiver) ? receiver.Name : app;

    public byte[] Decrypt(string app, byte[] envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!_receivers.TryGetValue(app, out var receiver))
        {
            throw new InvalidOperationException($"Callback receiver '{app}' is no longer configured; its events cannot be decrypted.");
        }

        return WeComCallbackCrypto.Decrypt(receiver.AesKey, envelope).Message;
    }
}
