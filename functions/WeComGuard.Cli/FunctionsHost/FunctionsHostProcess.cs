using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WeComGuard.Cli.FunctionsHost;

/// <summary>
/// The real Azure Functions host running the function app's build output on a free loopback port: a host folder is
/// copied to a work folder first (the host writes into its own folder), the app settings are its environment, and the
/// host's output goes to <c>functions-host.log</c> in the work folder. Disposing stops the host and its worker.
/// </summary>
/// <remarks>The host creates no tables, queues or containers: create them before starting it.</remarks>
public sealed partial class FunctionsHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<(string Function, bool Succeeded)> _executions = [];
    private readonly Queue<string> _tail = new();
    private readonly HttpClient _http;
    private readonly string? _hostCopy;
    private bool _logClosed;
    private string? _appStartFailure;

    private FunctionsHostProcess(Process process, StreamWriter log, Uri baseAddress, string? hostCopy)
    {
        _process = process;
        _log = log;
        _hostCopy = hostCopy;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's master key (for <c>/admin/...</c>); null under Core Tools, which does not require one.</summary>
    public string? MasterKey { get; private set; }

    /// <summary>From starting the process to <c>/admin/host/ping</c> answering 200.</summary>
    public TimeSpan TimeToPing { get; private set; }

    /// <summary>From starting the process to <c>/admin/functions</c> listing every function in functions.metadata.</summary>
    public TimeSpan TimeToIndexed { get; private set; }

    public string LogPath { get; private init; } = string.Empty;

    /// <summary>
    /// Starts the host on <paramref name="appOutput"/> (the folder with functions.metadata) with the given app settings
    /// (<c>:</c> or <c>__</c> for sections) and waits until it answers ping and has indexed every function.
    /// </summary>
    public static async Task<FunctionsHostProcess> StartAsync(
        FunctionsHostLocation location, string appOutput, string workDirectory, IEnumerable<KeyValuePair<string, string?>> appSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(appSettings);
        var expected = FunctionAppMetadata.Load(appOutput).Functions.Select(f => (string?)f["name"]).OfType<string>().ToList();
        Directory.CreateDirectory(workDirectory);
        var port = LoopbackPort.Free();
        ProcessStartInfo info;
        string? hostCopy = null;
        if (location.Kind == FunctionsHostKind.HostFolder)
        {
            hostCopy = Path.Combine(workDirectory, "host");
            CopyFolder(location.Path, hostCopy);
            info = new ProcessStartInfo("dotnet") { WorkingDirectory = hostCopy };
            info.ArgumentList.Add(Path.Combine(hostCopy, FunctionsHostLocation.HostAssembly));
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["WEBSITE_HOSTNAME"] = $"localhost:{port}";
            info.Environment["AzureWebJobsScriptRoot"] = appOutput;
            info.Environment["languageWorkers__dotnet-isolated__workerDirectory"] = appOutput;
        }
        else
        {
            info = new ProcessStartInfo(location.Path) { WorkingDirectory = appOutput };
            foreach (var argument in new[] { "host", "start", "--port", port.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(argument);
            }
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        // The host reads CONTAINER_NAME as "Linux Consumption" and changes its behaviour.
        info.Environment.Remove("CONTAINER_NAME");
        info.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["AzureWebJobsSecretStorageType"] = "files";
        foreach (var (name, value) in appSettings)
        {
            info.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logPath = Path.Combine(workDirectory, "functions-host.log");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var started = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{location.Description} did not start.");
        var host = new FunctionsHostProcess(process, log, new Uri($"http://127.0.0.1:{port}"), hostCopy) { LogPath = logPath };
        process.OutputDataReceived += (_, e) => host.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(started, expected, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>GET <c>/admin/functions</c>: every function the host indexed, with the bindings it read.</summary>
    public async Task<JsonArray> GetFunctionsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(Admin(HttpMethod.Get, "admin/functions"), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?.AsArray() ?? [];
    }

    /// <summary>
    /// Runs a function now through <c>POST /admin/functions/{name}</c> (what the portal's "Run" does for a timer) and
    /// waits until the host logs that invocation as executed; throws when it failed.
    /// </summary>
    public async Task RunFunctionAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = Executions(name).Count;
        using var request = Admin(HttpMethod.Post, $"admin/functions/{Uri.EscapeDataString(name)}");
        request.Content = new StringContent("""{"input":""}""", Encoding.UTF8, "application/json");
        using (var response = await _http.SendAsync(request, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /admin/functions/{name} answered {(int)response.StatusCode}; see {LogPath}.");
            }
        }

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var executions = Executions(name);
            if (executions.Count > before)
            {
                if (!executions[before])
                {
                    throw new InvalidOperationException($"{name} failed under the Functions host; see {LogPath}.");
                }

                return;
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} did not finish within {timeout.TotalSeconds:F0} s under the Functions host; see {LogPath}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Outcomes (true = Succeeded) of the invocations of a function the host logged so far, in order.</summary>
    public IReadOnlyList<bool> Executions(string name)
    {
        lock (_executions)
        {
            return [.. _executions.Where(e => e.Function == name).Select(e => e.Succeeded)];
        }
    }

    /// <summary>The last lines the host wrote, for error messages.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            // The whole tree: the host and the isolated worker it started.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_tail)
        {
            _logClosed = true;
            _log.Dispose();
        }

        if (_hostCopy is not null)
        {
            try
            {
                Directory.Delete(_hostCopy, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task WaitUntilReadyAsync(Stopwatch started, List<string> expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync("admin/host/ping", null, cancellationToken))
        {
            ThrowIfGone(deadline, "answer /admin/host/ping");
            await Task.Delay(200, cancellationToken);
        }

        TimeToPing = started.Elapsed;
        MasterKey = await ReadMasterKeyAsync(deadline, cancellationToken);
        while (true)
        {
            try
            {
                var indexed = (await GetFunctionsAsync(cancellationToken)).Select(f => (string?)f?["name"]).ToHashSet(StringComparer.Ordinal);
                if (expected.All(indexed.Contains))
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            ThrowIfGone(deadline, "index " + string.Join(", ", expected));
            await Task.Delay(200, cancellationToken);
        }

        TimeToIndexed = started.Elapsed;
    }

    // With file secret storage the host writes its keys (Secrets/host.json in its own folder) on the first request that
    // carries a key. Core Tools does not check keys.
    private async Task<string?> ReadMasterKeyAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        if (_hostCopy is null)
        {
            return null;
        }

        var secrets = Path.Combine(_hostCopy, "Secrets", "host.json");
        while (true)
        {
            await AnswersAsync("admin/host/status", "-", cancellationToken);
            if (File.Exists(secrets))
            {
                try
                {
                    var key = (string?)JsonNode.Parse(await File.ReadAllTextAsync(secrets, cancellationToken))?["masterKey"]?["value"];
                    if (!string.IsNullOrEmpty(key))
                    {
                        return key;
                    }
                }
                catch (System.Text.Json.JsonException)
                {
                    // Still being written.
                }
            }

            ThrowIfGone(deadline, "write its master key to " + secrets);
            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<bool> AnswersAsync(string path, string? key, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void ThrowIfGone(DateTime deadline, string what)
    {
        if (_appStartFailure is not null)
        {
            throw new InvalidOperationException($"The function app did not start under the Functions host: {_appStartFailure}\n{Tail()}");
        }

        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The Functions host exited with code {_process.ExitCode} before it could {what}:\n{Tail()}");
        }

        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"The Functions host did not {what} within {StartTimeout.TotalSeconds:F0} s (see {LogPath}):\n{Tail()}");
        }
    }

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (MasterKey is not null)
        {
            request.Headers.Add("x-functions-key", MasterKey);
        }

        return request;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The worker validates its settings when it starts; the host would only restart it until the start timeout.
        if (_appStartFailure is null && line.Contains(nameof(Microsoft.Extensions.Options.OptionsValidationException), StringComparison.Ordinal))
        {
            _appStartFailure = line.Trim();
        }

        if (ExecutedLine().Match(line) is { Success: true } executed)
        {
            lock (_executions)
            {
                _executions.Add((executed.Groups["name"].Value, executed.Groups["outcome"].Value == "Succeeded"));
            }
        }

        lock (_tail)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }

            _tail.Enqueue(line);
            if (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    [GeneratedRegex(@"Executed 'Functions\.(?<name>[A-Za-z0-9_]+)' \((?<outcome>Succeeded|Failed)")]
    private static partial Regex ExecutedLine();
}
