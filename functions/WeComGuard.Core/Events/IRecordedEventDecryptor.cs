namespace WeComGuard.Core.Events;

/// <summary>Decrypts a recorded event's envelope (the ciphertext as received, base64-decoded) with its receiver's key.</summary>
public interface IRecordedEventDecryptor
{
    /// <summary>The plaintext message (UTF-8 XML or JSON).</summary>
    byte[] Decrypt(string app, byte[] envelope);

    /// <summary>
    /// The name <paramref name="app"/> is configured under (records are keyed by it, whatever casing a URL or an older
    /// queue message used), or <paramref name="app"/> itself when no receiver matches.
    /// </summary>
    string ReceiverName(string app);
}
