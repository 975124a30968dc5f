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

    /// <summary>
    /// True for failures that mean "storage is not there right now" rather than "this request is wrong", in every shape
    /// a hang takes: the SDK's network timeout is a <see cref="TaskCanceledException"/>, and after its retries an
    /// <see cref="AggregateException"/> of them (or of them and connection errors).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status == 0 || failed.Status == 408 || failed.Status == 429 || failed.Status >= 500,
        HttpRequestException => true,
        TimeoutException => true,
        IOException => true,
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };

    /// <summary>
    /// <see cref="IsTransient(Exception)"/> unless the caller's own <paramref name="cancellationToken"/> asked to stop:
    /// a cancellation the caller asked for is the caller's, not storage being unavailable.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && IsTransient(exception);
}
