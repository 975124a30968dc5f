using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Serve;

/// <summary>
/// Polls each handler's queue as the Functions queue trigger does: up to 16 messages at a time, a message that fails
/// becomes visible again after 30 s, and one that failed 5 times moves to <c>{queue}-poison</c>. Like the host, it takes
/// that retry delay from <c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout</c> when it is set.
/// </summary>
internal sealed class QueuePump(IEnumerable<IQueueMessageHandler> handlers, StorageClients storage, IConfiguration configuration, ILogger<QueuePump> logger) : BackgroundService
{
    internal const int MaxDequeueCount = 5;
    internal const string RetryDelaySetting = "AzureFunctionsJobHost:extensions:queues:visibilityTimeout";
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeSpan? _retryDelay =
        TimeSpan.TryParse(configuration[RetryDelaySetting], System.Globalization.CultureInfo.InvariantCulture, out var configured) ? configured : null;
    private static readonly TimeSpan MaxPollingInterval = TimeSpan.FromSeconds(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(handlers.Select(handler => PumpAsync(handler, stoppingToken)));

    private async Task PumpAsync(IQueueMessageHandler handler, CancellationToken stoppingToken)
    {
        var queue = storage.Queue(handler.QueueName);
        var poison = storage.Queue(handler.QueueName + StorageNames.PoisonSuffix);
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(16, VisibilityTimeout, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (StorageUnavailableException.IsTransient(error, stoppingToken) || error is Azure.RequestFailedException)
            {
                logger.LogWarning("Queue {Queue} is unavailable ({Error}); retrying.", handler.QueueName, error.Message);
                await DelayAsync(MaxPollingInterval, stoppingToken);
                continue;
            }

            if (messages.Length == 0)
            {
                await DelayAsync(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, MaxPollingInterval.TotalMilliseconds));
                continue;
            }

            delay = TimeSpan.FromMilliseconds(100);
            await Task.WhenAll(messages.Select(message => HandleOneAsync(handler, queue, poison, message, stoppingToken)));
        }
    }

    private async Task HandleOneAsync(IQueueMessageHandler handler, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await handler.HandleAsync(new QueueMessageContext(message.MessageId, message.DequeueCount, message.Body), stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            logger.LogWarning("{Queue} message {MessageId} failed on attempt {Attempt} of {Max}: {Error}",
                handler.QueueName, message.MessageId, message.DequeueCount, MaxDequeueCount, error.Message);
        }

        if (message.DequeueCount < MaxDequeueCount)
        {
            if (_retryDelay is { } retryDelay)
            {
                try
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: retryDelay, cancellationToken: CancellationToken.None);
                }
                catch (Exception error) when (StorageUnavailableException.IsTransient(error, CancellationToken.None) || error is Azure.RequestFailedException)
                {
                    logger.LogWarning("Could not schedule the retry of {Queue} message {MessageId}: {Error}", handler.QueueName, message.MessageId, error.Message);
                }
            }

            return;
        }

        try
        {
            await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            logger.LogError("{Queue} message {MessageId} failed {Max} times and was moved to {Poison}.", handler.QueueName, message.MessageId, MaxDequeueCount, poison.Name);
        }
        catch (Exception error) when (StorageUnavailableException.IsTransient(error, CancellationToken.None) || error is Azure.RequestFailedException)
        {
            logger.LogWarning("Could not move {Queue} message {MessageId} to the poison queue yet: {Error}", handler.QueueName, message.MessageId, error.Message);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
