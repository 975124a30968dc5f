namespace WeComGuard.Core.Callbacks;

/// <summary>
/// A decrypted callback: the message bytes (UTF-8 XML or JSON, or the echostr plaintext), the receive id it carried,
/// and the ciphertext it came from (base64-decoded).
/// </summary>
public sealed record DecryptedCallback(byte[] Message, string ReceiveId, byte[] Ciphertext);
