namespace WeComGuard.Core.WeCom;

/// <summary>A media file is larger than the caller's cap; nothing beyond the cap was written.</summary>
public sealed class WeComMediaTooLargeException : Exception
{
    public WeComMediaTooLargeException()
    {
    }

    public WeComMediaTooLargeException(string message)
        : base(message)
    {
    }

    public WeComMediaTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeComMediaTooLargeException(long maxBytes, long? size)
        : base($"The media file ({(size is null ? "unknown size" : size + " bytes")}) exceeds the {maxBytes}-byte cap.")
    {
        MaxBytes = maxBytes;
        Size = size;
    }

    public long MaxBytes { get; }

    public long? Size { get; }
}
