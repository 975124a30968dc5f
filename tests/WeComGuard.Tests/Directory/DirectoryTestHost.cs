using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Audits;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Events;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox.Callbacks;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;
using WeComGuard.Tests.WeCom;

namespace WeComGuard.Tests.DirectoryMirror;

/// <summary>Sandbox + WeCom client + directory mirror on Azurite + a callback receiver and WeCom's callback sender.</summary>
internal sealed class DirectoryTestHost : IAsyncDisposable
{
    private DirectoryTestHost(WeComClientHost wecom, TestCallbackReceiver receiver, WeComCallbackSender sender, HttpClient http)
    {
        WeCom = wecom;
        Receiver = receiver;
        Sender = sender;
        Http = http;
    }

    public WeComClientHost WeCom { get; }

    public TestCallbackReceiver Receiver { get; }

    public WeComCallbackSender Sender { get; }

    public HttpClient Http { get; }

    public DirectoryStore Store => WeCom.Services.GetRequiredService<DirectoryStore>();

    public DirectorySync Sync => WeCom.Services.GetRequiredService<DirectorySync>();

    public DirectorySyncRunStore SyncRuns => WeCom.Services.GetRequiredService<DirectorySyncRunStore>();

    public DirectoryMirrorApplier Applier => WeCom.Services.GetServices<IWeComEventApplier>().OfType<DirectoryMirrorApplier>().Single();

    public string CorpId => WeComClientHost.CorpId;

    /// <param name="audits">Also registers the audits, so that every applied change is re-checked (<see cref="Core.Audits.ChangeRecheck"/>).</param>
    public static async Task<DirectoryTestHost> StartAsync(AzuriteFixture azurite, SandboxTenant? tenant = null, bool audits = false)
    {
        await ClearAsync(azurite.Clients);
        var wecom = await WeComClientHost.StartAsync(tenant, services: services =>
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
            services.AddSingleton(azurite.Clients);
            services.AddWeComDirectory(configuration);
            if (audits)
            {
                // As the function app wires them: the audits read the mirror, the security logs live.
                services.AddAudits(configuration);
                services.AddSingleton(provider => new WeComAuditDataSource(provider.GetRequiredService<WeComGuard.Core.WeCom.WeComApiClient>(), provider.GetRequiredService<ContactFingerprinter>()));
                services.AddSingleton<IAuditDataSource, MirrorAuditDataSource>();
            }

            services.Configure<DirectorySyncOptions>(o => o.ApiParallelism = 4);
            services.Configure<WeComGuard.Core.Scanning.ScanningOptions>(o => o.FingerprintKey = "directory-test-fingerprint-key");
        });
        var applier = wecom.Services.GetServices<IWeComEventApplier>().OfType<DirectoryMirrorApplier>().Single();
        var receiver = await TestCallbackReceiver.StartAsync(
            WeComClientHost.CorpId, e => applier.ApplyAsync(new WeComEventContext("contacts", Guid.NewGuid().ToString("N"), e) { ReceivedAt = DateTimeOffset.UtcNow }, CancellationToken.None));
        var http = new HttpClient();
        var sender = new WeComCallbackSender(http, new CallbackSenderOptions
        {
            CallbackUrl = receiver.Url,
            Token = TestCallbackReceiver.Token,
            EncodingAesKey = TestCallbackReceiver.EncodingAesKey,
            ReceiveId = WeComClientHost.CorpId,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        return new DirectoryTestHost(wecom, receiver, sender, http);
    }

    /// <summary>Delivers an event and requires WeCom Guard's side to have accepted it.</summary>
    public async Task DeliverAsync(string xml)
    {
        var delivery = await Sender.SendAsync(xml);
        Assert.True(delivery.Delivered, $"The callback was not accepted (last status {delivery.LastStatus}).");
    }

    public static async Task ClearAsync(StorageClients clients)
    {
        foreach (var name in new[]
        {
            StorageNames.MembersTable, StorageNames.DepartmentsTable, StorageNames.GroupChatsTable, StorageNames.GroupMembershipsTable,
            StorageNames.DirectorySyncRunsTable, StorageNames.FindingsTable, StorageNames.AuditRunsTable,
        })
        {
            var table = clients.Table(name);
            await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                await table.DeleteEntityAsync(e.PartitionKey, e.RowKey);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Receiver.DisposeAsync();
        await WeCom.DisposeAsync();
    }
}
