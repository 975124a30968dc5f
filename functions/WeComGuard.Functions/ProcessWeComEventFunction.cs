using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Functions;

/// <summary>Applies each recorded WeCom event once (queue <c>wecom-events</c>).</summary>
public sealed class ProcessWeComEventFunction(WeComEventProcessor processor)
{
    [Function("ProcessWeComEvent")]
    public Task RunAsync(
        [QueueTrigger(StorageNames.WeComEventsQueue, Connection = StorageNames.ConnectionSetting)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return processor.HandleAsync(new QueueMessageContext(message.MessageId, message.DequeueCount, message.Body), cancellationToken);
    }
}
