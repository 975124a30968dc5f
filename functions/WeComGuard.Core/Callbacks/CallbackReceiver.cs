namespace WeComGuard.Core.Callbacks;

/// <summary>One callback receiver with its EncodingAESKey decoded once: the Token, the 32-byte AES key and the receive id.</summary>
public sealed class CallbackReceiver
{
    private readonly byte[] _aesKey;

    private CallbackReceiver(string name, string token, byte[] aesKey, string receiveId)
    {
        Name = name;
        Token = token;
        _aesKey = aesKey;
        ReceiveId = receiveId;
    }

    /// <summary>The name it is configured under: it keys the records and queue messages whatever casing a URL used.</summary>
    public string Name { get; }

    public string Token { get; }

    public string ReceiveId { get; }

    public ReadOnlySpan<byte> AesKey => _aesKey;

    /// <exception cref="WeComCryptoException">The EncodingAESKey is not one (<see cref="CallbackRefusalReason.InvalidAesKey"/>).</exception>
    public static CallbackReceiver Create(string name, string token, string encodingAesKey, string receiveId)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(receiveId);
        return new CallbackReceiver(name, token, WeComCallbackCrypto.DecodeAesKey(encodingAesKey), receiveId);
    }

    /// <summary>Keeps the secrets out of logs and debugger displays.</summary>
    public override string ToString() => $"CallbackReceiver(Name={Name}, ReceiveId={ReceiveId}, Token=***, AesKey=***)";
}
