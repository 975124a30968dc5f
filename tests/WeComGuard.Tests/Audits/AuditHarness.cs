using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Storage;

namespace WeComGuard.Tests.Audits;

/// <summary>The audits wired the way the function app wires them (AddAudits), on Azurite, with a fake clock and an in-memory WeCom.</summary>
internal sealed class AuditHarness
{
    public AuditHarness(StorageClients storage, DateTimeOffset now, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Storage = storage;
        Time = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage)
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IAuditDataSource>(Source);
        configure?.Invoke(services);
        services.AddAudits(configuration);
        Services = services.BuildServiceProvider();
    }

    public StorageClients Storage { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryAuditDataSource Source { get; } = new();

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task UploadRosterAsync(string csv)
    {
        var blob = Storage.Container(StorageNames.HrContainer).GetBlobClient(BlobRosterSource.CsvBlobName);
        await blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(csv)), overwrite: true);
    }

    /// <summary>Uploads the roster as raw bytes (roster.csv or roster.xlsx), removing the other one so that this one is read.</summary>
    public async Task UploadRosterFileAsync(string blobName, byte[] content)
    {
        var container = Storage.Container(StorageNames.HrContainer);
        foreach (var other in new[] { BlobRosterSource.CsvBlobName, BlobRosterSource.XlsxBlobName }.Where(name => name != blobName))
        {
            await container.GetBlobClient(other).DeleteIfExistsAsync();
        }

        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);
    }

    public Task DeleteRosterAsync() =>
        Storage.Container(StorageNames.HrContainer).GetBlobClient(BlobRosterSource.CsvBlobName).DeleteIfExistsAsync();
}
