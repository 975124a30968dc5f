using System.Diagnostics;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// scripts/deploy.sh, run for real by bash against a stand-in <c>az</c> and <c>dotnet</c> on PATH (Azure cannot be
/// reached here). The stand-in records every command line and what arrives on stdin, so the tests can check that
/// secrets go to Key Vault through stdin and never appear in a command line or in the script's output.
/// </summary>
[Trait("Needs", "Process")]
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
          "deployment group create"*) echo "bind=$WECOMGUARD_BIND_CALLBACK_HOST plan=$WECOMGUARD_HOSTING_PLAN host=$WECOMGUARD_CALLBACK_HOST" >> "$FAKE_LOG" ;;
        esac
        case "$*" in
          "bicep version"*) echo "Bicep CLI version 0.49.2" ;;
          "account show"*"--query id"*) echo "00000000-0000-0000-0000-0000000000aa" ;;
          "account show"*"--query [name, id]"*) printf 'Contoso\n00000000-0000-0000-0000-0000000000aa\n' ;;
          "account show"*"--query user.type"*) echo "user" ;;
          "ad signed-in-user show"*) echo "11111111-2222-3333-4444-555555555555" ;;
          "group exists"*) echo "true" ;;
          "group show"*) echo "${FAKE_REGION:-eastasia}" ;;
          "functionapp list-flexconsumption-locations"*) printf '%s\n' eastasia southeastasia westeurope ;;
          "appservice list-locations"*) printf '%s\n' "East Asia" "China North 3" "West Europe" ;;
          "deployment group what-if"*) echo "Resource changes: 40 to create." ;;
          "deployment group create"*) ;;
          "deployment group show"*functionAppName*) echo "func-wecomguard-prod-abc123" ;;
          "deployment group show"*keyVaultName*) echo "kv-wcg-abc123" ;;
          "deployment group show"*keyVaultSecretNames*) printf '%s\n' wecom-app-secret wecom-contacts-secret wecom-security-secret wecom-callback-contacts-token wecom-callback-contacts-encoding-aes-key scanning-fingerprint-key ;;
          "deployment group show"*callbackUrls*)
            if [ "$WECOMGUARD_BIND_CALLBACK_HOST" = true ] && [ -n "$WECOMGUARD_CALLBACK_HOST" ]; then
              echo "https://$WECOMGUARD_CALLBACK_HOST/api/wecom/callback/contacts"
            else
              echo "https://func-wecomguard-prod-abc123.azurewebsites.net/api/wecom/callback/contacts"
            fi ;;
          "deployment group show"*callbackDnsRecords*)
            printf 'CNAME\t%s\tfunc-wecomguard-prod-abc123.azurewebsites.net\n' "$WECOMGUARD_CALLBACK_HOST"
            printf 'TXT\tasuid.%s\tD4C1A07E5B2F\n' "$WECOMGUARD_CALLBACK_HOST" ;;
          "deployment group show"*storageAccountName*) echo "stwcgprodabc123" ;;
          "deployment group show"*packageContainerName*) echo "app-package-abc123" ;;
          "deployment group show"*packageBlobName*) if [ "$WECOMGUARD_HOSTING_PLAN" = elasticPremium ]; then echo "wecomguard.zip"; else echo ""; fi ;;
          "storage blob upload"*) ;;
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

    // Answers "resolver TYPE NAME" from $FAKE_DNS (lines "TYPE NAME VALUE"), as dig +short would.
    private const string FakeResolver = """
        #!/usr/bin/env bash
        printf 'dns %s %s\n' "$1" "$2" >> "$FAKE_LOG"
        [ -f "$FAKE_DNS" ] || exit 0
        while read -r type name value; do
          if [ "$type" = "$1" ] && [ "$name" = "$2" ]; then printf '%s\n' "$value"; fi
        done < "$FAKE_DNS"
        """;

    private const string CallbackHost = "wecom-guard.example.com.cn";

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
        WriteExecutable(Path.Combine(bin, "fake-resolver"), FakeResolver);
    }

    private string Dns => Path.Combine(_scratch, "dns.txt");

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

    [Fact]
    public async Task A_callback_host_deploys_in_two_phases_once_dns_answers_and_prints_urls_on_the_custom_domain()
    {
        // Answers as DNS servers do: names in any case, a trailing dot, TXT values in quotes.
        File.WriteAllLines(Dns,
        [
            $"CNAME {CallbackHost} FUNC-wecomguard-prod-abc123.azurewebsites.net.",
            $"TXT asuid.{CallbackHost} \"D4C1A07E5B2F\"",
        ]);
        var result = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--hosting-plan", "elasticPremium", "--callback-host", CallbackHost.ToUpperInvariant()],
            new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.Output);
        var commands = File.ReadAllLines(Log);
        // Phase 1 binds nothing; phase 2 runs only after both records were looked up.
        var deployments = commands.Where(line => line.StartsWith("bind=", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"bind=false plan=elasticPremium host={CallbackHost}", $"bind=true plan=elasticPremium host={CallbackHost}"],
            deployments);
        var secondDeployment = Array.LastIndexOf(commands, deployments[1]);
        Assert.True(Array.IndexOf(commands, $"dns CNAME {CallbackHost}") is var cname && cname >= 0 && cname < secondDeployment, string.Join("\n", commands));
        Assert.True(Array.IndexOf(commands, $"dns TXT asuid.{CallbackHost}") is var txt && txt >= 0 && txt < secondDeployment, string.Join("\n", commands));

        Assert.Contains($"https://{CallbackHost}/api/wecom/callback/contacts", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("azurewebsites.net/api", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Egress IP (WeCom admin console > the app > 企业可信IP): 20.1.2.3", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_host_without_its_dns_records_stops_after_phase_one_and_prints_the_records_to_create()
    {
        // Only the CNAME exists yet.
        File.WriteAllLines(Dns, [$"CNAME {CallbackHost} func-wecomguard-prod-abc123.azurewebsites.net."]);
        var result = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--hosting-plan", "elasticPremium", "--callback-host", CallbackHost, "--skip-publish"],
            new Dictionary<string, string>());

        Assert.Equal(3, result.ExitCode);
        var commands = File.ReadAllLines(Log);
        Assert.Equal([$"bind=false plan=elasticPremium host={CallbackHost}"], commands.Where(line => line.StartsWith("bind=", StringComparison.Ordinal)));
        Assert.Matches($@"CNAME\s+{System.Text.RegularExpressions.Regex.Escape(CallbackHost)}\s+func-wecomguard-prod-abc123\.azurewebsites\.net", result.StandardOutput);
        Assert.Matches($@"TXT\s+asuid\.{System.Text.RegularExpressions.Regex.Escape(CallbackHost)}\s+D4C1A07E5B2F", result.StandardOutput);
        Assert.Contains("Not answered yet:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"TXT\tasuid.{CallbackHost}\tD4C1A07E5B2F", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Callback URLs", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_flex_a_callback_host_needs_a_key_vault_certificate_and_nothing_is_deployed_without_one()
    {
        var result = await DeployAsync(["--resource-group", "rg-wecomguard-prod", "--callback-host", CallbackHost], new Dictionary<string, string>());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Flex Consumption has no App Service managed certificates: pass --callback-certificate-secret-id", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Log) && File.ReadAllText(Log).Contains("deployment group create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_region_without_flex_consumption_is_refused_before_deploying_and_the_message_says_what_to_choose()
    {
        var result = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--skip-publish"],
            new Dictionary<string, string> { ["FAKE_REGION"] = "chinanorth3" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The flex plan is not offered in chinanorth3: deploy with --hosting-plan elasticPremium (EP1), or into a resource group in one of: eastasia southeastasia westeurope", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment group create", File.ReadAllText(Log), StringComparison.Ordinal);

        // Elastic Premium is offered there ("China North 3" in az's display form).
        File.Delete(Log);
        var elasticPremium = await DeployAsync(
            ["--resource-group", "rg-wecomguard-prod", "--skip-publish", "--hosting-plan", "elasticPremium"],
            new Dictionary<string, string> { ["FAKE_REGION"] = "chinanorth3" });
        Assert.True(elasticPremium.ExitCode == 0, elasticPremium.Output);
        Assert.Contains("appservice list-locations --sku EP1 --linux-workers-enabled", File.ReadAllText(Log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elastic_premium_uploads_the_package_blob_with_entra_id_and_restarts_the_app()
    {
        var result = await DeployAsync(["--resource-group", "rg-wecomguard-prod", "--hosting-plan", "elasticPremium"], new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.Output);
        var commands = File.ReadAllText(Log);
        Assert.Contains("storage blob upload --auth-mode login --account-name stwcgprodabc123 --container-name app-package-abc123 --name wecomguard.zip", commands, StringComparison.Ordinal);
        Assert.Contains("functionapp restart", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("config-zip", commands, StringComparison.Ordinal);
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
        environment["FAKE_DNS"] = Dns;
        environment.TryAdd("WECOMGUARD_DNS_RESOLVER", Path.Combine(_scratch, "bin", "fake-resolver"));
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
