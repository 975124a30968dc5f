namespace WeComGuard.Core.Hosting;

/// <summary>
/// Handles the messages of one storage queue. The Azure Functions queue triggers and <c>wecomguard serve</c>'s queue
/// pump both call these handlers, so a message is processed by the same code wherever it runs.
/// </summary>
/// <remarks>
/// Throwing leaves the message on the queue for another attempt; after <c>maxDequeueCount</c> attempts (host.json,
/// 5) it moves to the queue's <c>-poison</c> queue. Handlers must therefore be idempotent.
/// </remarks>
public interface IQueueMessageHandler
{
    string QueueName { get; }

    Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken);
}
