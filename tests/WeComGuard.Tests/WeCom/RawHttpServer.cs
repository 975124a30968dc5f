using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeComGuard.Tests.WeCom;

/// <summary>One request as it arrived on the wire: request line, headers exactly as sent, and the decoded body.</summary>
internal sealed record RawHttpRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The API path after <c>/cgi-bin/</c>, without the query.</summary>
    public string Api => Target.Split('?')[0].Replace("/cgi-bin/", string.Empty, StringComparison.Ordinal);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// An HTTP/1.1 server on a raw loopback socket, written independently of Kestrel and HttpClient: it records every
/// request byte-for-byte (so a test can see Content-Length and Transfer-Encoding as sent) and answers with whatever
/// bytes the test scripts, including answers no well-behaved server would give (cut-off bodies, stalls, HTML).
/// Every answer closes its connection.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RawHttpRequest> _requests = new();
    private readonly Func<RawHttpRequest, RawHttpReply> _reply;
    private readonly Task _acceptLoop;

    public RawHttpServer(Func<RawHttpRequest, RawHttpReply> reply)
    {
        _reply = reply;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<RawHttpRequest> Requests => [.. _requests];

    /// <summary>A server that hands out access token <paramref name="token"/> and answers every other API with <paramref name="reply"/>.</summary>
    public static RawHttpServer WithToken(string token, Func<RawHttpRequest, RawHttpReply> reply) =>
        new(request => request.Api == "gettoken"
            ? RawHttpReply.Json($"{{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"{token}\",\"expires_in\":7200}}")
            : reply(request));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
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
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue(request);
                await _reply(request).WriteAsync(stream, _stop.Token);
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (a timeout, a retry) or the server is stopping.
            }
        }
    }

    private static async Task<RawHttpRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ByteReader(stream);
        var requestLine = await reader.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(requestLine))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(cancellationToken)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var decoded = new MemoryStream();
            while (true)
            {
                var size = int.Parse((await reader.ReadLineAsync(cancellationToken))!.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancellationToken)))
                    {
                    }

                    break;
                }

                decoded.Write(await reader.ReadBytesAsync(size, cancellationToken));
                await reader.ReadLineAsync(cancellationToken);
            }

            body = decoded.ToArray();
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
            body = await reader.ReadBytesAsync(length, cancellationToken);
        }

        var parts = requestLine.Split(' ');
        return new RawHttpRequest(parts[0], parts[1], headers, body);
    }

    /// <summary>Reads CRLF lines and counted bytes off a stream with its own buffer.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
                }

                var b = _buffer[_start++];
                if (b == '\n')
                {
                    return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
                }

                line.Add(b);
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The request body ended early.");
                }

                var n = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}

/// <summary>What <see cref="RawHttpServer"/> writes back: raw bytes, then optionally a stall or an early close.</summary>
internal sealed class RawHttpReply
{
    private readonly byte[] _bytes;
    private readonly bool _stallAfterwards;

    private RawHttpReply(byte[] bytes, bool stallAfterwards)
    {
        _bytes = bytes;
        _stallAfterwards = stallAfterwards;
    }

    /// <summary>A complete answer with Content-Length.</summary>
    public static RawHttpReply Status(int status, string reason, string contentType, string body, params string[] extraHeaders)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new RawHttpReply(Head(status, reason, contentType, bytes.Length, extraHeaders).Concat(bytes).ToArray(), stallAfterwards: false);
    }

    public static RawHttpReply Json(string body) => Status(200, "OK", "application/json; charset=UTF-8", body);

    /// <summary>Headers promising <paramref name="promisedLength"/> bytes, then only <paramref name="sent"/>, then the connection closes.</summary>
    public static RawHttpReply CutOff(string sent, int promisedLength) =>
        new([.. Head(200, "OK", "application/json; charset=UTF-8", promisedLength), .. Encoding.UTF8.GetBytes(sent)], stallAfterwards: false);

    /// <summary>Headers and the first bytes of the body, then nothing more while the connection stays open.</summary>
    public static RawHttpReply Stall(string sent, int promisedLength) =>
        new([.. Head(200, "OK", "application/json; charset=UTF-8", promisedLength), .. Encoding.UTF8.GetBytes(sent)], stallAfterwards: true);

    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        if (_stallAfterwards)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private static byte[] Head(int status, string reason, string contentType, int contentLength, params string[] extraHeaders)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
        foreach (var header in extraHeaders)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }
}
