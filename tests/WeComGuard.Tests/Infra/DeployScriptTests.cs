using System.Diagnostics;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// scripts/deploy.sh, run for real by bash against a stand-in <c>az</c> and <c>dotnet</c> on PATH (Azure cannot be
/// reached here). The stand-in records every command line and what arrives on stdin, so the tests can check that
/// secrets go to Key Vault through stdin and never appear in a command line or in the script's output.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private const string AppSecret = "app-secret-Value-0001";
    private const string CallbackToken = "Tok3nForContacts";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    // Answers the few az commands deploy.sh runs; logs each command line (one per line) and each secret written.
    private const string FakeAz = """
        #!/usr/bin/env bash
        printf '%s\n' "$*" >> "$FAKE_LOG"
        case "$*" in
          "bicep version"*) echo "Bicep CLI version 0.49.2" ;;
          "account show"*"--query id"*) echo "00000000-0000-0000-0000-0000000000aa" ;;
          "account show"*"--query [name, id]"*) printf 'Contoso\n00000000-0000-0000-0000-0000000000aa\n' ;;
          "account show"*"--query user.type"*) echo "user" ;;
          "ad signed-in-user show"*) echo "11111111-2222-3333-4444-555555555555" ;;
          "group exists"*) echo "true" ;;
          "deployment group what-if"*) echo "Resource changes: 40 to create." ;;
          "deployment group create"*) ;;
          "deployment group show"*functionAppName*) echo "func-wecomguard-prod-abc123" ;;
          "deployment group show"*keyVaultName*) echo "kv-wcg-abc123" ;;
          "deployment group show"*keyVaultSecretNames*) printf '%s\n' wecom-app-secret wecom-contacts-secret wecom-security-secret wecom-callback-contacts-token wecom-callback-contacts-encoding-aes-key scanning-fingerprint-key ;;
          "deployment group show"*callbackUrls*) echo "https://func-wecomguard-prod-abc123.azurewebsites.net/api/wecom/callback/contacts" ;;
          "deployment group show"*egressIp*) echo "20.1.2.3" ;;
          "keyvault secret list"*) printf '%s\n' wecom-contacts-secret ;;
          "keyvault secret set"*)
            name="$(printf '%s\n' "$@" | grep -A1 -x -- '--name' | tail -n 1)"
            printf '%s\t%s\n' "$name" "$(cat)" >> "$FAKE_SECRETS" ;;
          "functionapp deployment source config-zip"*) ;;
          "functionapp restart"*) ;;
          *) echo "fake az: unexpected: $*" >&2; exit 2 ;;
        esac
        """;

    private const string FakeDotnet = """
        #!/usr/bin/env bash
        printf 'dotnet %s\n' "$*" >> "$FAKE_LOG"
        out=""
        while [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; fi; shift; done
        mkdir -p "$out" && echo '{}' > "$out/host.json"
        """;

    private readonly string _scratch = RepoPaths.CreateScratchDirectory("deploy-script");

    public DeployScriptTests()
    {
        var bin = Path.Combine(_scratch, "bin");
        Directory.CreateDirectory(bin);
        WriteExecutable(Path.Combine(bin, "az"), FakeAz);
        WriteExecutable(Path.Combine(bin, "dotnet"), FakeDotnet);
    }

    private string Log => Path.Combine(_scratch, "commands.log");

    private string Secrets => Path.Combine(_scratch, "secrets.tsv");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Script_is_valid_bash()
    {
        var result = await RunAsync("bash", ["-n", Path.Combine(RepoPaths.Root, "scripts", "deploy.sh")], new Dictionary<string, string>());
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Deploy_writes_secrets_from_the_environment_through_stdin_and_prints_what_wecom_needs()
    {
        var result = await DeployAsync(["--resource-group", "rg-wecomguard-prod"], new Dictionary<string, string>
        {
            ["WECOM_APP_SECRET"] = AppSecret,
            ["WECOM_CALLBACK_CONTACTS_TOKEN"] = CallbackToken,
            ["WECOM_CALLBACK_CONTACTS_ENCODING_AES_KEY"] = AesKey,
        });

        Assert.True(result.ExitCode == 0, result.Output);
        var written = WrittenSecrets();
        Assert.Equal(AppSecret, written["wecom-app-secret"]);
        Assert.Equal(CallbackToken, written["wecom-callback-contacts-token"]);
        Assert.Equal(AesKey, written["wecom-callback-contacts-encoding-aes-key"]);
        // Generated when absent: 32 random bytes, base64.
        Assert.Equal(32, Convert.FromBase64String(written["scanning-fingerprint-key"]).Length);
        // Kept because it exists and was not asked to rotate; reported because nobody gave it a value.
        Assert.DoesNotContain("wecom-contacts-secret", written.Keys);
        Assert.DoesNotContain("wecom-security-secret", written.Keys);
        Assert.Contains("Secrets not yet set (the app cannot use them until they are): wecom-security-secret", result.Output, StringComparison.Ordinal);

        var commands = File.ReadAllText(Log);
        foreach (var secret in written.Values)
        {
            Assert.DoesNotContain(secret, commands, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("deployment group create", commands, StringComparison.Ordinal);
        Assert.Contains("--parameters " + Path.Combine(RepoPaths.Root, "infra", "main.bicepparam"), commands, StringComparison.Ordinal);
        Assert.Contains("dotnet publish", commands, StringComparison.Ordinal);
        Assert.Contains("functionapp deployment source config-zip", commands, StringComparison.Ordinal);
        Assert.Contains("https://func-wecomguard-prod-abc123.azurewebsites.net/api/wecom/callback/contacts", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Egress IP (WeCom admin console > the app > 企业可信IP): 20.1.2.3", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_if_changes_nothing()
    {
        var result = await DeployAsync(["--resource-group", "rg-wecomguard-prod", "--what-if"], new Dictionary<string, string> { ["WECOM_APP_SECRET"] = AppSecret });

        Assert.True(result.ExitCode == 0, result.Output);
        var commands = File.ReadAllText(Log);
        Assert.Contains("deployment group what-if", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment group create", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("keyvault secret set", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet publish", commands, StringComparison.Ordinal);
        Assert.Contains("Resource changes: 40 to create.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_replaces_an_existing_secret_and_restarts_the_app()
    {
        var result = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--skip-publish", "--rotate", "wecom-contacts-secret"],
            new Dictionary<string, string> { ["WECOM_CONTACTS_SECRET"] = "rotated-contacts-secret-2" });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("rotated-contacts-secret-2", WrittenSecrets()["wecom-contacts-secret"]);
        var commands = File.ReadAllText(Log);
        Assert.Contains("functionapp restart", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet publish", commands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_encoding_aes_key_is_refused_without_echoing_it()
    {
        const string BadKey = "too-short-key-123";
        var result = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--skip-publish"],
            new Dictionary<string, string> { ["WECOM_CALLBACK_CONTACTS_ENCODING_AES_KEY"] = BadKey });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("wecom-callback-contacts-encoding-aes-key must be the 43-character EncodingAESKey", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(BadKey, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wecom-callback-contacts-encoding-aes-key", WrittenSecrets().Keys);
    }

    [Fact]
    public async Task An_unknown_secret_to_rotate_is_refused_before_anything_is_written()
    {
        var result = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--skip-publish", "--rotate", "wecom-no-such-secret"],
            new Dictionary<string, string> { ["WECOM_APP_SECRET"] = AppSecret });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--rotate wecom-no-such-secret: not one of this deployment's secrets", result.Output, StringComparison.Ordinal);
        Assert.Empty(WrittenSecrets());
    }

    private static void WriteExecutable(string path, string content)
    {
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private Dictionary<string, string> WrittenSecrets() =>
        File.Exists(Secrets)
            ? File.ReadAllLines(Secrets).Select(line => line.Split('\t', 2)).ToDictionary(parts => parts[0], parts => parts[1])
            : [];

    private Task<BicepResult> DeployAsync(string[] arguments, Dictionary<string, string> environment)
    {
        environment["PATH"] = Path.Combine(_scratch, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        environment["FAKE_LOG"] = Log;
        environment["FAKE_SECRETS"] = Secrets;
        environment["WECOM_CORP_ID"] = "ww0123456789abcdef";
        return RunAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "deploy.sh"), .. arguments], environment);
    }

    private async Task<BicepResult> RunAsync(string fileName, IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = _scratch,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Secret variables a developer's shell might have set would change what the script does.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("WECOM", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close(); // not a terminal: the script must not prompt
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }
}
