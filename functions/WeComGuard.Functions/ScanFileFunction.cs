using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.Storage;

namespace WeComGuard.Functions;

/// <summary>Scans a transferred file named by a <c>file-scan</c> message (Event Grid blob-created or {container, blob}).</summary>
public sealed class ScanFileFunction(FileScanQueueHandler handler)
{
    [Function("ScanFile")]
    public Task RunAsync(
        [QueueTrigger(StorageNames.FileScanQueue, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return handler.HandleAsync(new QueueMessageContext(message.MessageId, message.DequeueCount, message.Body), cancellationToken);
    }
}
