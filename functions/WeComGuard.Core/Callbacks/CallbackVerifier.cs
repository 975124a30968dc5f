using System.Globalization;

namespace WeComGuard.Core.Callbacks;

/// <summary>
/// Opens one signed ciphertext (an echostr or an envelope's Encrypt): checks the signature in constant time, the
/// timestamp window, decrypts, and checks the receive id. Shared by the endpoint and <c>wecomguard callback decrypt</c>.
/// </summary>
public static class CallbackVerifier
{
    /// <param name="maxSkewSeconds">Refuse timestamps further than this from <paramref name="now"/>; 0 or less turns the check off.</param>
    /// <exception cref="WeComCryptoException">Refused; <see cref="WeComCryptoException.Reason"/> says why.</exception>
    public static DecryptedCallback Open(CallbackReceiver receiver, CallbackQuery query, string encrypted, int maxSkewSeconds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(encrypted);
        if (string.IsNullOrEmpty(query.MsgSignature) || string.IsNullOrEmpty(query.Timestamp) || string.IsNullOrEmpty(query.Nonce))
        {
            throw new WeComCryptoException(CallbackRefusalReason.MissingParameter, "msg_signature, timestamp and nonce are required.");
        }

        if (!WeComCallbackCrypto.VerifySignature(receiver.Token, query.Timestamp, query.Nonce, encrypted, query.MsgSignature))
        {
            throw new WeComCryptoException(CallbackRefusalReason.SignatureMismatch, "msg_signature does not match the token, timestamp, nonce and ciphertext.");
        }

        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new WeComCryptoException(CallbackRefusalReason.MissingParameter, "timestamp is not a number of seconds.");
        }

        if (maxSkewSeconds > 0 && Math.Abs(now.ToUnixTimeSeconds() - seconds) > maxSkewSeconds)
        {
            throw new WeComCryptoException(CallbackRefusalReason.TimestampOutOfWindow, $"timestamp is more than {maxSkewSeconds} s from now (a replay, or a wrong clock).");
        }

        var decrypted = WeComCallbackCrypto.Decrypt(receiver.AesKey, encrypted);
        if (!string.Equals(decrypted.ReceiveId, receiver.ReceiveId, StringComparison.Ordinal))
        {
            throw new WeComCryptoException(CallbackRefusalReason.ReceiveIdMismatch, "the ciphertext was encrypted for another receive id (CorpID).");
        }

        return decrypted;
    }
}
