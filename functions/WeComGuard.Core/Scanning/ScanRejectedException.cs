namespace WeComGuard.Core.Scanning;

/// <summary>A file broke a scanning limit (archive entries, inflated size, compression ratio); the message is the reason recorded.</summary>
public sealed class ScanRejectedException : Exception
{
    public ScanRejectedException()
    {
    }

    public ScanRejectedException(string message)
        : base(message)
    {
    }

    public ScanRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
