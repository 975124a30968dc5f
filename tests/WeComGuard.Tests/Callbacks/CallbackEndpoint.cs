using System.Text;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Events;
using WeComGuard.Core.Storage;
using WeComGuard.Functions;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Callbacks;

/// <summary>Calls the WeComCallback function class as the Functions host would, over real storage.</summary>
public sealed class CallbackEndpoint : IAsyncDisposable
{
    private readonly TestServices _services;

    public CallbackEndpoint(string storageConnectionString, IEnumerable<KeyValuePair<string, string?>> settings, FakeTimeProvider clock, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        Clock = clock;
        _services = TestServices.Create(storageConnectionString, settings, clock, configure);
        Function = new WeComCallbackFunction(_services.Get<WeComCallbackHandler>());
    }

    public FakeTimeProvider Clock { get; }

    public WeComCallbackFunction Function { get; }

    public WeComEventStore Store => _services.Get<WeComEventStore>();

    public WeComEventProcessor Processor => _services.Get<WeComEventProcessor>();

    public WeComEventSweeper Sweeper => _services.Get<WeComEventSweeper>();

    public QueueClient Queue => _services.Get<StorageClients>().Queue(StorageNames.WeComEventsQueue);

    public static Dictionary<string, string?> Receiver(string app, string token, string aesKey, string receiveId) => new()
    {
        [$"WeCom:Callbacks:{app}:Token"] = token,
        [$"WeCom:Callbacks:{app}:EncodingAesKey"] = aesKey,
        [$"WeCom:Callbacks:{app}:ReceiveId"] = receiveId,
    };

    public Task<ContentResult> GetAsync(string app, string queryString) => SendAsync("GET", app, queryString, null);

    public Task<ContentResult> PostAsync(string app, SignedCallback callback) => SendAsync("POST", app, callback.QueryString, callback.BodyXml);

    public async Task<ContentResult> SendAsync(string method, string app, string queryString, string? body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.QueryString = new QueryString(queryString);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "text/xml";
        }

        var result = await Function.RunAsync(context.Request, app, CancellationToken.None);
        return Assert.IsType<ContentResult>(result);
    }

    public async Task<List<WeComEventRecord>> RecordsAsync(string app)
    {
        var records = new List<WeComEventRecord>();
        await foreach (var record in Store.ListAsync(app, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Receives every visible message on wecom-events for this app and runs the processor on each, as the queue trigger would.</summary>
    public async Task<int> DrainAsync(string app)
    {
        var handled = 0;
        while (true)
        {
            var messages = (await Queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            var mine = messages.Where(m => WeComEventQueueMessage.Parse(m.Body).App == app).ToList();
            foreach (var other in messages.Except(mine))
            {
                await Queue.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }

            if (mine.Count == 0)
            {
                return handled;
            }

            foreach (var message in mine)
            {
                await Processor.HandleAsync(new Core.Hosting.QueueMessageContext(message.MessageId, message.DequeueCount, message.Body), CancellationToken.None);
                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        }
    }

    public async Task<int> QueuedCountAsync(string app)
    {
        var peeked = (await Queue.PeekMessagesAsync(32)).Value;
        return peeked.Count(m => WeComEventQueueMessage.Parse(m.Body).App == app);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
