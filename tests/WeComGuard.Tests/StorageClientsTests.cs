using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests;

[Trait("Needs", "Azurite")]
public sealed class StorageClientsTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EnsureCreated_creates_every_table_queue_and_container()
    {
        var tables = new List<string>();
        await foreach (var table in storage.Clients.Tables.QueryAsync())
        {
            tables.Add(table.Name);
        }

        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        foreach (var queue in StorageNames.Queues)
        {
            Assert.True(await storage.Clients.Queue(queue).ExistsAsync());
            Assert.True(await storage.Clients.Queue(queue + StorageNames.PoisonSuffix).ExistsAsync());
        }

        foreach (var container in StorageNames.Containers)
        {
            Assert.True(await storage.Clients.Container(container).ExistsAsync());
        }
    }

    [Fact]
    public async Task FromConfiguration_reads_a_connection_string_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString })
            .Build();

        var clients = StorageClients.FromConfiguration(configuration);
        await clients.Table(StorageNames.FindingsTable).UpsertEntityAsync(new TableEntity("p", "r"));

        var entity = await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal("r", entity.Value.RowKey);
    }

    [Fact]
    public void FromConfiguration_without_a_connection_names_the_settings_to_set()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(configuration));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_builds_identity_based_clients_from_service_uris()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage:accountName"] = "wecomguardprod",
                ["AzureWebJobsStorage:credential"] = "managedidentity",
                ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
            })
            .Build();

        var clients = StorageClients.FromConfiguration(configuration);

        Assert.Equal(new Uri("https://wecomguardprod.table.core.windows.net"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://wecomguardprod.queue.core.windows.net"), clients.Queues.Uri);
        Assert.Equal(new Uri("https://wecomguardprod.blob.core.windows.net"), clients.Blobs.Uri);
    }
}
