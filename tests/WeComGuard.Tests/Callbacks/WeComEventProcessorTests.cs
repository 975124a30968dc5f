using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Callbacks;

[Trait("Needs", "Azurite")]
public sealed class WeComEventProcessorTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string Plaintext = "<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>delete_user</ChangeType><UserID>lisi</UserID><CreateTime>1409659813</CreateTime></xml>";

    private readonly CountingApplier _applier = new();

    private async Task<(CallbackEndpoint Endpoint, string App, string Id)> RecordOneAsync()
    {
        var app = "app" + Guid.NewGuid().ToString("N")[..10];
        var endpoint = new CallbackEndpoint(storage.ConnectionString,
            CallbackEndpoint.Receiver(app, TencentVectors.B.Token, TencentVectors.B.EncodingAesKey, TencentVectors.B.CorpId),
            TestServices.ClockAt(1409659813), services => services.AddSingleton<IWeComEventApplier>(_applier));
        var result = await endpoint.PostAsync(app, SignedCallback.Create(TencentVectors.B.Token, TencentVectors.B.EncodingAesKey, TencentVectors.B.CorpId, Plaintext, 1409659813));
        Assert.Equal(200, result.StatusCode);
        var id = Assert.Single(await endpoint.RecordsAsync(app)).Id;
        return (endpoint, app, id);
    }

    private static QueueMessageContext Message(string app, string id, string messageId, long dequeueCount = 1) =>
        new(messageId, dequeueCount, BinaryData.FromString(new WeComEventQueueMessage(app, id).ToJson()));

    [Fact]
    public async Task A_second_message_for_a_processed_event_does_nothing()
    {
        var (endpoint, app, id) = await RecordOneAsync();
        await using var _ = endpoint;

        await endpoint.Processor.HandleAsync(Message(app, id, "m1"), CancellationToken.None);
        await endpoint.Processor.HandleAsync(Message(app, id, "m2"), CancellationToken.None);

        Assert.Single(_applier.Applied);
        var record = await endpoint.Store.GetAsync(app, id, CancellationToken.None);
        Assert.Equal((WeComEventStatus.Processed, 1), (record!.Status, record.Attempts));
        Assert.NotNull(record.ProcessedAt);
    }

    [Fact]
    public async Task A_failing_applier_marks_the_record_failed_and_the_retry_processes_it()
    {
        var (endpoint, app, id) = await RecordOneAsync();
        await using var _ = endpoint;
        var calls = 0;
        _applier.OnApply = _ => ++calls == 1 ? throw new InvalidOperationException("directory store down") : Task.CompletedTask;

        await Assert.ThrowsAsync<InvalidOperationException>(() => endpoint.Processor.HandleAsync(Message(app, id, "m1"), CancellationToken.None));
        var failed = await endpoint.Store.GetAsync(app, id, CancellationToken.None);
        await endpoint.Processor.HandleAsync(Message(app, id, "m1", dequeueCount: 2), CancellationToken.None);
        var processed = await endpoint.Store.GetAsync(app, id, CancellationToken.None);

        Assert.Equal(WeComEventStatus.Failed, failed!.Status);
        Assert.Contains("directory store down", failed.LastError, StringComparison.Ordinal);
        Assert.Equal((WeComEventStatus.Processed, 2), (processed!.Status, processed.Attempts));
        Assert.Single(_applier.Applied);
    }

    [Fact]
    public async Task A_message_that_finds_the_event_claimed_by_another_live_message_leaves_it_alone()
    {
        var (endpoint, app, id) = await RecordOneAsync();
        await using var _ = endpoint;
        var record = await endpoint.Store.GetAsync(app, id, CancellationToken.None);
        record!.Status = WeComEventStatus.Processing;
        record.ClaimedBy = "other";
        record.ClaimedUntil = endpoint.Clock.GetUtcNow().AddMinutes(5);
        Assert.True(await endpoint.Store.TryReplaceAsync(record, CancellationToken.None));

        await endpoint.Processor.HandleAsync(Message(app, id, "mine"), CancellationToken.None);
        // The claiming message crashed; its own retry takes the claim over.
        await endpoint.Processor.HandleAsync(Message(app, id, "other", dequeueCount: 2), CancellationToken.None);

        Assert.Single(_applier.Applied);
        Assert.Equal(WeComEventStatus.Processed, (await endpoint.Store.GetAsync(app, id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_expired_claim_can_be_taken_over()
    {
        var (endpoint, app, id) = await RecordOneAsync();
        await using var _ = endpoint;
        var record = await endpoint.Store.GetAsync(app, id, CancellationToken.None);
        record!.Status = WeComEventStatus.Processing;
        record.ClaimedBy = "gone";
        record.ClaimedUntil = endpoint.Clock.GetUtcNow().AddMinutes(-1);
        Assert.True(await endpoint.Store.TryReplaceAsync(record, CancellationToken.None));

        await endpoint.Processor.HandleAsync(Message(app, id, "replayed-from-poison"), CancellationToken.None);

        Assert.Single(_applier.Applied);
    }

    [Fact]
    public async Task A_message_naming_no_record_is_dropped_and_a_malformed_message_throws()
    {
        var (endpoint, app, _) = await RecordOneAsync();
        await using var __ = endpoint;

        await endpoint.Processor.HandleAsync(Message(app, "evt-missing", "m1"), CancellationToken.None);
        await Assert.ThrowsAsync<FormatException>(() =>
            endpoint.Processor.HandleAsync(new QueueMessageContext("m2", 1, BinaryData.FromString("not json")), CancellationToken.None));

        Assert.Empty(_applier.Applied);
    }

    [Fact]
    public async Task Concurrent_duplicate_messages_process_the_event_once()
    {
        var (endpoint, app, id) = await RecordOneAsync();
        await using var _ = endpoint;
        _applier.OnApply = _ => Task.Delay(50);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => endpoint.Processor.HandleAsync(Message(app, id, "m" + i), CancellationToken.None)));

        Assert.Single(_applier.Applied);
        Assert.Equal(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("lisi")), Assert.IsType<MemberChangeEvent>(_applier.Applied.Single().Event).UserId);
    }
}
