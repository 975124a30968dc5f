using System.Text.Json.Nodes;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// Builds, lints and snapshots infra/ once for all infrastructure tests: <c>bicep build</c> (the ARM template),
/// <c>bicep build-params</c>, <c>bicep lint</c> and <c>bicep snapshot</c> for four deployments: the shipped
/// main.bicepparam (Flex Consumption, Language and static egress IP on), a minimal one (both off, one callback
/// receiver), Elastic Premium with the VNet and a custom callback domain on a managed certificate, and Flex
/// Consumption with a custom callback domain on a Key Vault certificate. A fifth, the custom domain's first phase
/// (DNS records not yet created), is checked for what it outputs.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string TenantId = "00000000-0000-0000-0000-0000000000bb";
    public const string ResourceGroup = "rg-wecomguard-test";
    public const string Location = "eastasia";
    public const string CorpId = "ww0123456789abcdef";
    public const string DeployerObjectId = "11111111-2222-3333-4444-555555555555";
    public const int MinimalAuditRetentionDays = 400;
    public const int MinimalBlobSoftDeleteDays = 9;
    public const string CallbackHost = "wecom-guard.example.com.cn";
    public const string OperatorIpRange = "203.0.113.0/24";
    public const string CertificateVault = "kv-corp-certs";
    public const string CertificateVaultResourceGroup = "rg-certs";
    public const string CertificateSecretName = "wecom-guard-example";

    /// <summary>Every deployment the baseline is checked on.</summary>
    public static readonly IReadOnlyList<string> Deployments = ["production", "minimal", "elasticPremium", "flexDomain"];

    public static readonly IReadOnlyList<string> ProductionCallbackApps = ["contacts", "customer", "app"];
    public static readonly IReadOnlyList<string> MinimalCallbackApps = ["contacts"];

    private string _scratch = string.Empty;

    public static string InfraDirectory => Path.Combine(RepoPaths.Root, "infra");

    public BicepResult LintTemplate { get; private set; } = null!;

    public BicepResult LintParameters { get; private set; } = null!;

    public BicepResult Build { get; private set; } = null!;

    public BicepResult BuildParameters { get; private set; } = null!;

    /// <summary>The compiled ARM template (main.json).</summary>
    public JsonObject? Template { get; private set; }

    /// <summary>The compiled ARM template as text, for searches over everything.</summary>
    public string TemplateText { get; private set; } = string.Empty;

    public JsonObject? Parameters { get; private set; }

    public BicepResult ProductionRun { get; private set; } = null!;

    public BicepResult MinimalRun { get; private set; } = null!;

    public DeploymentSnapshot? Production { get; private set; }

    public DeploymentSnapshot? Minimal { get; private set; }

    private readonly Dictionary<string, (BicepResult Result, DeploymentSnapshot? Snapshot)> _runs = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (BicepResult Result, DeploymentSnapshot? Snapshot)> Runs => _runs;

    public static IReadOnlyDictionary<string, string> ProductionEnvironment { get; } = new Dictionary<string, string>
    {
        ["WECOMGUARD_ENV"] = "prod",
        ["WECOM_CORP_ID"] = CorpId,
        ["WECOM_APP_AGENT_ID"] = "1000002",
        ["WECOMGUARD_SECURITY_TEAM_USERIDS"] = "zhangsan,lisi",
        ["WECOMGUARD_DEPLOYER_OBJECT_ID"] = DeployerObjectId,
        ["WECOMGUARD_DEPLOYER_TYPE"] = "User",
    };

    public async Task InitializeAsync()
    {
        _scratch = RepoPaths.CreateScratchDirectory("infra");
        var templatePath = Path.Combine(_scratch, "main.json");
        var parametersPath = Path.Combine(_scratch, "main.parameters.json");

        LintTemplate = await BicepCli.RunAsync(["lint", "main.bicep"], InfraDirectory, ProductionEnvironment);
        LintParameters = await BicepCli.RunAsync(["lint", "main.bicepparam"], InfraDirectory, ProductionEnvironment);
        Build = await BicepCli.RunAsync(["build", "main.bicep", "--outfile", templatePath], InfraDirectory);
        BuildParameters = await BicepCli.RunAsync(["build-params", "main.bicepparam", "--outfile", parametersPath], InfraDirectory, ProductionEnvironment);
        if (File.Exists(templatePath))
        {
            TemplateText = await File.ReadAllTextAsync(templatePath);
            Template = JsonNode.Parse(TemplateText)!.AsObject();
        }

        if (File.Exists(parametersPath))
        {
            Parameters = JsonNode.Parse(await File.ReadAllTextAsync(parametersPath))!.AsObject();
        }

        // The shipped parameters file, pointed at main.bicep from the scratch folder (snapshot writes beside it).
        var shipped = await File.ReadAllTextAsync(Path.Combine(InfraDirectory, "main.bicepparam"));
        (ProductionRun, Production) = await SnapshotAsync(
            "production", shipped.Replace("using 'main.bicep'", $"using '{MainBicepRelativePath()}'", StringComparison.Ordinal), ProductionEnvironment);

        var minimal = $"""
            using '{MainBicepRelativePath()}'
            param environmentName = 'test'
            param weComCorpId = '{CorpId}'
            param callbackApps = [{string.Join(", ", MinimalCallbackApps.Select(app => $"'{app}'"))}]
            param enableLanguage = false
            param enableStaticEgressIp = false
            param alwaysReadyHttpInstances = 0
            param auditReportRetentionDays = {MinimalAuditRetentionDays}
            param blobSoftDeleteDays = {MinimalBlobSoftDeleteDays}
            """;
        (MinimalRun, Minimal) = await SnapshotAsync("minimal", minimal, new Dictionary<string, string>());
        _runs["production"] = (ProductionRun, Production);
        _runs["minimal"] = (MinimalRun, Minimal);

        var elasticPremium = $"""
            using '{MainBicepRelativePath()}'
            param environmentName = 'ep'
            param weComCorpId = '{CorpId}'
            param hostingPlan = 'elasticPremium'
            param enableStaticEgressIp = true
            param operatorIpRanges = ['{OperatorIpRange}']
            param callbackHostName = '{CallbackHost}'
            param deployerPrincipalId = '{DeployerObjectId}'
            """;
        _runs["elasticPremium"] = await SnapshotAsync("elasticPremium", elasticPremium, new Dictionary<string, string>());

        // The host name in capitals: the template binds it in lowercase.
        var flexDomain = $"""
            using '{MainBicepRelativePath()}'
            param environmentName = 'fd'
            param weComCorpId = '{CorpId}'
            param callbackApps = [{string.Join(", ", MinimalCallbackApps.Select(app => $"'{app}'"))}]
            param callbackHostName = '{CallbackHost.ToUpperInvariant()}'
            param callbackCertificateSecretId = 'https://{CertificateVault}.vault.azure.net/secrets/{CertificateSecretName}'
            param callbackCertificateVaultResourceGroup = '{CertificateVaultResourceGroup}'
            """;
        _runs["flexDomain"] = await SnapshotAsync("flexDomain", flexDomain, new Dictionary<string, string>());
        _runs["flexDomainPending"] = await SnapshotAsync(
            "flexDomainPending", flexDomain + "\nparam bindCallbackHostName = false\n", new Dictionary<string, string>());
    }

    /// <summary>The snapshot of one named deployment (see <see cref="Deployments"/>, plus flexDomainPending).</summary>
    public DeploymentSnapshot Require(string deployment)
    {
        Assert.True(_runs.TryGetValue(deployment, out var run), "No deployment named " + deployment);
        Assert.True(run.Snapshot is not null, $"bicep snapshot of {deployment} failed: {run.Result}");
        return run.Snapshot!;
    }

    /// <summary>The callback receivers of one named deployment.</summary>
    public static IReadOnlyList<string> CallbackAppsOf(string deployment) =>
        deployment is "minimal" or "flexDomain" or "flexDomainPending" ? MinimalCallbackApps : ProductionCallbackApps;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Left for test.sh to remove with the rest of the scratch folder.
        }

        return Task.CompletedTask;
    }

    public DeploymentSnapshot RequireProduction()
    {
        Assert.True(Production is not null, "bicep snapshot of main.bicepparam failed: " + ProductionRun);
        return Production!;
    }

    public DeploymentSnapshot RequireMinimal()
    {
        Assert.True(Minimal is not null, "bicep snapshot of the minimal parameters failed: " + MinimalRun);
        return Minimal!;
    }

    public JsonObject RequireTemplate()
    {
        Assert.True(Template is not null, "bicep build main.bicep failed: " + Build);
        return Template!;
    }

    private string MainBicepRelativePath() =>
        Path.GetRelativePath(_scratch, Path.Combine(InfraDirectory, "main.bicep")).Replace('\\', '/');

    private async Task<(BicepResult Result, DeploymentSnapshot? Snapshot)> SnapshotAsync(
        string name, string parameters, IReadOnlyDictionary<string, string> environment)
    {
        var parametersFile = Path.Combine(_scratch, name + ".bicepparam");
        await File.WriteAllTextAsync(parametersFile, parameters);
        var result = await BicepCli.RunAsync(
            [
                "snapshot", parametersFile, "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--tenant-id", TenantId,
                "--resource-group", ResourceGroup, "--location", Location,
            ],
            _scratch,
            environment);
        var snapshotFile = Path.Combine(_scratch, name + ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(snapshotFile))
        {
            return (result, null);
        }

        return (result, new DeploymentSnapshot(JsonNode.Parse(await File.ReadAllTextAsync(snapshotFile))!.AsObject()));
    }
}
