using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>
/// Headless Chromium (Debian's package) driven over the DevTools protocol: opens one page and answers protocol
/// calls (e.g. <c>CSS.getPlatformFontsForNode</c>, which names the fonts Chromium actually drew a node's text with).
/// </summary>
public sealed partial class ChromiumDevTools : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private int _nextId;

    private ChromiumDevTools(Process process, ClientWebSocket socket)
    {
        _process = process;
        _socket = socket;
    }

    public static string Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: ./scripts/test.sh installs Debian's chromium package (apt-get install chromium).");

    /// <summary>Starts Chromium on <paramref name="page"/> and waits until the page and its fonts have loaded.</summary>
    public static async Task<ChromiumDevTools> OpenAsync(string page, string scratchDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--remote-debugging-port=0", "--window-size=1280,1000", "--allow-file-access-from-files",
            $"--user-data-dir={Path.Combine(scratchDirectory, "profile-" + Guid.NewGuid().ToString("N"))}", "about:blank",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" once the port is open.
            string? line;
            Match listening = Match.Empty;
            while ((line = await process.StandardError.ReadLineAsync(cancellationToken)) is not null && !(listening = Listening().Match(line)).Success)
            {
            }

            if (!listening.Success)
            {
                throw new InvalidOperationException("Chromium exited without opening its DevTools port.");
            }

            _ = DrainAsync(process.StandardError);
            using var http = new HttpClient();
            var pageSocket = await PageSocketAsync(http, listening.Groups["endpoint"].Value, cancellationToken);
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(pageSocket, cancellationToken);
            var devTools = new ChromiumDevTools(process, socket);
            await devTools.CallAsync("Page.enable", [], cancellationToken);
            await devTools.CallAsync("Page.navigate", new JsonObject { ["url"] = new Uri(page).AbsoluteUri }, cancellationToken);
            await devTools.WaitForEventAsync("Page.loadEventFired", cancellationToken);
            var loaded = await devTools.CallAsync("Runtime.evaluate", new JsonObject
            {
                ["expression"] = "new Promise(r => { const done = () => document.fonts.ready.then(() => r(document.readyState)); document.readyState === 'complete' ? done() : addEventListener('load', done); })",
                ["awaitPromise"] = true,
                ["returnByValue"] = true,
            }, cancellationToken);
            if (loaded["result"]?["value"]?.GetValue<string>() != "complete")
            {
                throw new InvalidOperationException($"The page did not load: {loaded.ToJsonString()}");
            }

            return devTools;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The node of the first element matching <paramref name="selector"/>.</summary>
    public async Task<int> QuerySelectorAsync(string selector, CancellationToken cancellationToken)
    {
        var document = await CallAsync("DOM.getDocument", new JsonObject { ["depth"] = 0 }, cancellationToken);
        var found = await CallAsync("DOM.querySelector", new JsonObject { ["nodeId"] = document["root"]!["nodeId"]!.GetValue<int>(), ["selector"] = selector }, cancellationToken);
        var nodeId = found["nodeId"]!.GetValue<int>();
        return nodeId != 0 ? nodeId : throw new InvalidOperationException($"No element matches '{selector}'.");
    }

    /// <summary>The fonts Chromium drew the node's text with: (family, glyphs drawn in it).</summary>
    public async Task<IReadOnlyList<(string Family, int Glyphs)>> PlatformFontsAsync(int nodeId, CancellationToken cancellationToken)
    {
        await CallAsync("DOM.enable", [], cancellationToken);
        await CallAsync("CSS.enable", [], cancellationToken);
        var fonts = await CallAsync("CSS.getPlatformFontsForNode", new JsonObject { ["nodeId"] = nodeId }, cancellationToken);
        return [.. fonts["fonts"]!.AsArray().Select(font => (font!["familyName"]!.GetValue<string>(), font["glyphCount"]!.GetValue<int>()))];
    }

    public async Task<JsonObject> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        var request = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        while (true)
        {
            var message = await ReceiveAsync(cancellationToken);
            if (message["id"]?.GetValue<int>() != id)
            {
                if (message["method"]?.GetValue<string>() is { } happened)
                {
                    _events.Add(happened);
                }

                continue;
            }

            if (message["error"] is { } error)
            {
                throw new InvalidOperationException($"DevTools {method} failed: {error.ToJsonString()}");
            }

            return message["result"]!.AsObject();
        }
    }

    private async Task WaitForEventAsync(string method, CancellationToken cancellationToken)
    {
        // Events that came while CallAsync waited for its answer are kept, so one that already came is not missed.
        if (_events.Remove(method))
        {
            return;
        }

        while ((await ReceiveAsync(cancellationToken))["method"]?.GetValue<string>() != method)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<JsonObject> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("Chromium closed the DevTools connection.");
            }

            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }

    private static async Task<Uri> PageSocketAsync(HttpClient http, string endpoint, CancellationToken cancellationToken)
    {
        // The page target appears with the browser; poll the target list until it is there.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://{endpoint}/json/list"), cancellationToken))!.AsArray();
            if (targets.FirstOrDefault(target => target?["type"]?.GetValue<string>() == "page") is { } page)
            {
                return new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>());
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("Chromium opened no page target within 30 s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }

    [GeneratedRegex("DevTools listening on ws://(?<endpoint>[^/]+)/")]
    private static partial Regex Listening();
}
