using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Events;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Callbacks;

/// <summary>Storage stopped mid-run: WeCom gets 503 (so it retries), and after the restart the retry records the event exactly once.</summary>
[Trait("Needs", "Azurite")]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Storage_down_gives_503_and_the_retry_after_restart_records_exactly_once()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.CreateClients().EnsureCreatedAsync();
        var applier = new CountingApplier();
        const string app = "contacts";
        await using var endpoint = new CallbackEndpoint(azurite.ConnectionString,
            CallbackEndpoint.Receiver(app, TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId),
            TestServices.ClockAt(1409659813), services => services.AddSingleton<IWeComEventApplier>(applier));
        var first = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId,
            "<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>wangwu</UserID></xml>", 1409659813);
        var before = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId,
            "<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>zhaoliu</UserID></xml>", 1409659813);
        Assert.Equal(200, (await endpoint.PostAsync(app, before)).StatusCode);

        await azurite.StopAsync();
        var duringOutage = await endpoint.PostAsync(app, first);
        await azurite.StartAgainAsync();
        var retry = await endpoint.PostAsync(app, first);
        var retryAgain = await endpoint.PostAsync(app, first);
        await endpoint.DrainAsync(app);

        Assert.Equal(503, duringOutage.StatusCode);
        Assert.Equal(200, retry.StatusCode);
        Assert.Equal(200, retryAgain.StatusCode);
        var records = await endpoint.RecordsAsync(app);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(WeComEventStatus.Processed, r.Status));
        Assert.Equal(["wangwu", "zhaoliu"], applier.Applied.Select(a => ((MemberChangeEvent)a.Event).UserId).Order(StringComparer.Ordinal));
    }
}
