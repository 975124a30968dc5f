using Azure;

namespace WeComGuard.Core.Storage;

/// <summary>Azure Storage could not be reached or answered with a server error; the work can be retried later.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True for failures that mean "storage is not there right now" rather than "this request is wrong".</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status == 0 || failed.Status == 408 || failed.Status == 429 || failed.Status >= 500,
        HttpRequestException => true,
        TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
