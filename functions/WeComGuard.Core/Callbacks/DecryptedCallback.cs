namespace WeComGuard.Core.Callbacks;

/// <summary>A decrypted callback: the message bytes (UTF-8 XML or JSON, or the echostr plaintext) and the receive id it carried.</summary>
public sealed record DecryptedCallback(byte[] Message, string ReceiveId);
