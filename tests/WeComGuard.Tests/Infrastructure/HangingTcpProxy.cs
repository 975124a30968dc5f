using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on loopback in front of one port (an Azurite service). Forwarding, it relays both ways; hanging, it
/// keeps accepting connections and reading what the client sends, but nothing reaches the server and nothing comes
/// back: storage that accepts connections and never answers. Slow, it relays every chunk the server sends that much
/// late: storage that answers, too late for some calls. Switching applies to open connections too.
/// </summary>
public sealed class HangingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly Task _accepting;
    private volatile bool _hanging;
    private long _answerDelayTicks;

    private HangingTcpProxy(int targetPort, bool hanging)
    {
        _targetPort = targetPort;
        _hanging = hanging;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far (shows the client did reach the proxy).</summary>
    public int Accepted => _connections.Count;

    public static HangingTcpProxy Hanging(int targetPort) => new(targetPort, hanging: true);

    public static HangingTcpProxy Forwarding(int targetPort) => new(targetPort, hanging: false);

    public void Hang() => _hanging = true;

    public void Forward()
    {
        _hanging = false;
        Interlocked.Exchange(ref _answerDelayTicks, 0);
    }

    /// <summary>Forwards, with each chunk of the server's answers held back <paramref name="late"/> first.</summary>
    public void AnswerLate(TimeSpan late)
    {
        Interlocked.Exchange(ref _answerDelayTicks, late.Ticks);
        _hanging = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(client);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        _connections.Add(server);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream(), answers: false), PumpAsync(server.GetStream(), client.GetStream(), answers: true));
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool answers)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            var late = answers ? Interlocked.Read(ref _answerDelayTicks) : 0;
            if (late > 0)
            {
                await Task.Delay(TimeSpan.FromTicks(late), _stop.Token);
            }

            if (!_hanging)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
    }
}
