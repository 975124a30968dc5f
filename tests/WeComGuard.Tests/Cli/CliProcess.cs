using System.Diagnostics;
using System.Text;

namespace WeComGuard.Tests.Cli;

/// <summary>Runs the built wecomguard command (wecomguard.dll beside the tests) as a separate process.</summary>
public static class CliProcess
{
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wecomguard.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> for a scan: UTF-8 output, no fingerprint key from the environment (the scan's
    /// comes from its arguments), and killed, failing the test, when it is not done within <paramref name="limit"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunScanAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("Scanning__FingerprintKey");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', start.ArgumentList.Prepend(fileName))} did not finish within {limit.TotalSeconds:0} s (hung). Output so far: {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
