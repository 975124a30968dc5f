using WeComGuard.Core.Storage;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>
/// A private, empty Azurite for one test class (use it as <c>IClassFixture&lt;AzuriteFixture&gt;</c>), with every
/// WeCom Guard table, queue and container created.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public StorageClients Clients { get; private set; } = null!;

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        Clients = _azurite.CreateClients();
        await Clients.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
