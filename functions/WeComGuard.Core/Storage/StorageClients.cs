using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace WeComGuard.Core.Storage;

/// <summary>
/// The Azure Storage clients WeCom Guard shares, built once from the <c>AzureWebJobsStorage</c> setting: a connection
/// string (Azurite, local runs) or the identity-based form (<c>AzureWebJobsStorage__tableServiceUri</c>,
/// <c>__queueServiceUri</c>, <c>__blobServiceUri</c>, <c>__credential=managedidentity</c>, <c>__clientId</c>) used in Azure.
/// </summary>
/// <remarks>
/// Table and queue calls sit on the callback's answer path, which WeCom abandons after 5 s, so they fail fast
/// (short network timeout, two quick retries) and the caller answers 503 so that WeCom retries later. Bulk work off
/// that path (the directory sync's batch writes) goes through <see cref="BulkTables"/>: a transaction of 100 rows on a
/// loaded account may take longer than the callback's timeout, and retrying it is cheap.
/// </remarks>
public sealed class StorageClients
{
    public StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
        : this(tables, queues, blobs, tables)
    {
    }

    public StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, TableServiceClient bulkTables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(bulkTables);
        Tables = tables;
        Queues = queues;
        Blobs = blobs;
        BulkTables = bulkTables;
    }

    /// <summary>Tables for the callback's answer path: fail fast.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The same tables for bulk batch writes off the callback path: the SDK's longer timeout, more retries.</summary>
    public TableServiceClient BulkTables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public TableClient BulkTable(string name) => BulkTables.GetTableClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public static StorageClients FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageClients(
            new TableServiceClient(connectionString, FastTableOptions()),
            new QueueServiceClient(connectionString, FastQueueOptions()),
            new BlobServiceClient(connectionString, BlobOptions()),
            new TableServiceClient(connectionString, BulkTableOptions()));
    }

    public static StorageClients FromConfiguration(IConfiguration configuration, string settingName = StorageNames.ConnectionSetting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[settingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(settingName);
        var accountName = section["accountName"];
        var tableUri = ServiceUri(section["tableServiceUri"], accountName, "table");
        var queueUri = ServiceUri(section["queueServiceUri"], accountName, "queue");
        var blobUri = ServiceUri(section["blobServiceUri"], accountName, "blob");
        if (tableUri is null || queueUri is null || blobUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{settingName}' to a connection string, or set '{settingName}__accountName' " +
                $"(or '{settingName}__tableServiceUri', '__queueServiceUri' and '__blobServiceUri') for an identity-based connection.");
        }

        var credential = CreateCredential(section["credential"], section["clientId"]);
        return new StorageClients(
            new TableServiceClient(tableUri, credential, FastTableOptions()),
            new QueueServiceClient(queueUri, credential, FastQueueOptions()),
            new BlobServiceClient(blobUri, credential, BlobOptions()),
            new TableServiceClient(tableUri, credential, BulkTableOptions()));
    }

    /// <summary>Creates every table, queue and container WeCom Guard uses. Bicep creates them in Azure; local runs and tests call this.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in StorageNames.Tables)
        {
            await Tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await Queue(queue + StorageNames.PoisonSuffix).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in StorageNames.Containers)
        {
            await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static Uri? ServiceUri(string? explicitUri, string? accountName, string service)
    {
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return new Uri(explicitUri);
        }

        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    internal static TokenCredential CreateCredential(string? credential, string? clientId)
    {
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
    }

    private static TableClientOptions FastTableOptions()
    {
        var options = new TableClientOptions();
        ApplyFastRetry(options.Retry);
        return options;
    }

    private static TableClientOptions BulkTableOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        return options;
    }

    private static QueueClientOptions FastQueueOptions()
    {
        // The Functions queue trigger decodes base64 by default (host.json messageEncoding).
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        ApplyFastRetry(options.Retry);
        return options;
    }

    private static BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        return options;
    }

    private static void ApplyFastRetry(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(150);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = TimeSpan.FromSeconds(3);
    }
}
