using System.Diagnostics;
using System.Text;

namespace WeComGuard.Tests.Cli;

/// <summary>Runs the built wecomguard command (wecomguard.dll beside the tests) as a separate process.</summary>
public static class CliProcess
{
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "wecomguard.dll") } };
        return RunAsync(start, arguments, TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> for a scan: UTF-8 output and no fingerprint key from the environment (the scan's
    /// comes from its arguments).
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> RunScanAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(fileName) { StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8 };
        start.Environment.Remove("Scanning__FingerprintKey");
        return RunAsync(start, arguments, limit);
    }

    /// <summary>The process's exit code and output; killed, failing the test, when it is not done within <paramref name="limit"/>.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, IEnumerable<string> arguments, TimeSpan limit)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

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
            Assert.Fail($"{string.Join(' ', start.ArgumentList.Prepend(start.FileName))} did not finish within {limit.TotalSeconds:0} s (hung). Output so far: {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
