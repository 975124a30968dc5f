using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>Runs the official <c>@wecom/crypto</c> npm package (tests/oracle/wecom-crypto-oracle.cjs) on a batch of operations.</summary>
public static class WeComCryptoOracle
{
    public static async Task<JsonArray> RunAsync(JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var modules = Path.Combine(RepoPaths.NodeTools, "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "@wecom", "crypto")))
        {
            throw new InvalidOperationException($"@wecom/crypto is not installed under {modules}. Run ./scripts/test.sh, which installs it from tools/node.");
        }

        var info = new ProcessStartInfo("node", Path.Combine(RepoPaths.Root, "tests", "oracle", "wecom-crypto-oracle.cjs"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(operations.ToJsonString());
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The @wecom/crypto oracle failed ({process.ExitCode}): {await error}");
        }

        return JsonNode.Parse(await output)!.AsArray();
    }
}
