namespace WeComGuard.Core.Callbacks;

/// <summary>A callback that cannot be decrypted or verified. Messages never contain the key, the token or the plaintext.</summary>
public sealed class WeComCryptoException : Exception
{
    public WeComCryptoException()
        : this(CallbackRefusalReason.DecryptFailed, "The callback could not be decrypted.")
    {
    }

    public WeComCryptoException(string message)
        : this(CallbackRefusalReason.DecryptFailed, message)
    {
    }

    public WeComCryptoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = CallbackRefusalReason.DecryptFailed;
    }

    public WeComCryptoException(CallbackRefusalReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public CallbackRefusalReason Reason { get; }
}
