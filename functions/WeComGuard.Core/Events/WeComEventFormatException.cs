namespace WeComGuard.Core.Events;

/// <summary>A decrypted callback that is not a well-formed WeCom event (WXBizMsgCrypt -40002). The message never quotes the plaintext.</summary>
public sealed class WeComEventFormatException : Exception
{
    public WeComEventFormatException()
    {
    }

    public WeComEventFormatException(string message)
        : base(message)
    {
    }

    public WeComEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
