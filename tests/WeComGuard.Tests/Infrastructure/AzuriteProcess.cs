using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WeComGuard.Core.Storage;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>
/// A private Azurite (the pinned npm package in tools/node) on free loopback ports. It can be stopped and started again
/// on the same ports, keeping its data on disk, to test what WeCom Guard does while storage is down.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _location;
    private Process? _process;

    private AzuriteProcess(string location)
    {
        _location = location;
        BlobPort = LoopbackPorts.Free();
        QueuePort = LoopbackPorts.Free();
        TablePort = LoopbackPorts.Free();
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite with its data in a scratch folder, so the data survives <see cref="StopAsync"/> and a restart.</summary>
    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var azurite = new AzuriteProcess(RepoPaths.CreateScratchDirectory("azurite"));
        await azurite.StartAgainAsync(cancellationToken);
        return azurite;
    }

    public StorageClients CreateClients() => StorageClients.FromConnectionString(ConnectionString);

    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var executable = Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {executable}. Run ./scripts/test.sh, which installs the pinned tools from tools/node.");
        }

        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--location", _location + "/",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Generous: on a loaded machine several Azurites start at once and node alone can take tens of seconds.
        var deadline = DateTime.UtcNow.Add(StartTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                lock (output)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} during start-up: {output}");
                }
            }

            if (await IsListeningAsync(BlobPort, cancellationToken) && await IsListeningAsync(QueuePort, cancellationToken)
                && await IsListeningAsync(TablePort, cancellationToken))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"Azurite did not start listening within {StartTimeout.TotalSeconds:F0} s.");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // SIGINT lets Azurite flush its databases to disk, so the data survives a restart; SIGKILL if it hangs.
            using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
