using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// The templates and the code agree: every setting the code reads (SettingNames) and every binding needs
/// (functions.metadata) is set, and tables, queues and containers are the ones StorageNames names.
/// </summary>
[Collection(InfraTestGroup.Name)]
[Trait("Needs", "Bicep")]
public sealed class InfraConsistencyTests(InfraFixture infra)
{
    public static TheoryData<string> Deployments => [.. InfraFixture.Deployments];

    [Theory]
    [MemberData(nameof(Deployments))]
    public void App_settings_cover_every_setting_the_code_reads(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var missing = InfraSettings.Missing(InfraSettings.CodeSettings, snapshot.AppSettings, CallbackApps(deployment));
        Assert.True(missing.Count == 0, "Set in infra/main.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_setting_the_code_reads_but_the_template_lacks_is_reported()
    {
        // The check above fails for a new SettingNames entry without Bicep, and for a callback receiver with a missing part.
        var settings = new Dictionary<string, string>(infra.RequireProduction().AppSettings);
        Assert.Empty(InfraSettings.Missing(InfraSettings.CodeSettings, settings, InfraFixture.ProductionCallbackApps));
        Assert.Equal(
            ["Reports__NewSetting"],
            InfraSettings.Missing([.. InfraSettings.CodeSettings, "Reports__NewSetting"], settings, InfraFixture.ProductionCallbackApps));

        settings.Remove("WeCom__Callbacks__customer__EncodingAesKey");
        settings.Remove("AzureWebJobsStorage__queueServiceUri");
        Assert.Equal(
            ["AzureWebJobsStorage__queueServiceUri", "WeCom__Callbacks__customer__EncodingAesKey"],
            InfraSettings.Missing(InfraSettings.CodeSettings, settings, InfraFixture.ProductionCallbackApps).Order());
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Secret_settings_and_callback_keys_are_key_vault_references_to_secrets_deploy_writes(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var vaultName = (string)snapshot.KeyVault["name"]!;
        var secretNames = snapshot.Outputs["keyVaultSecretNames"]!.AsArray().Select(name => (string)name!).ToHashSet();
        var secretSettings = InfraSettings.CodeSecretSettings
            .Concat(CallbackApps(deployment).SelectMany(app =>
                InfraSettings.CallbackSecretSuffixes.Select(suffix => $"{SettingNames.CallbackReceiverPrefix}{app}__{suffix}")))
            .ToList();
        var referenced = new List<string>();
        foreach (var setting in secretSettings)
        {
            Assert.True(snapshot.AppSettings.TryGetValue(setting, out var value), setting + " is not set");
            var match = System.Text.RegularExpressions.Regex.Match(value!, @"^@Microsoft\.KeyVault\(VaultName=(?<vault>[^;]+);SecretName=(?<secret>[a-z0-9-]+)\)$");
            Assert.True(match.Success, $"{setting} is not a Key Vault reference: {value}");
            Assert.Equal(vaultName, match.Groups["vault"].Value);
            Assert.Contains(match.Groups["secret"].Value, secretNames);
            referenced.Add(match.Groups["secret"].Value);
        }

        // One secret per setting, and deploy.sh is told about exactly these.
        Assert.Equal(referenced.Count, referenced.Distinct().Count());
        Assert.Equal(secretNames.Order(), referenced.Order());
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Callback_receivers_use_the_corp_id_as_receive_id(string deployment)
    {
        var settings = Snapshot(deployment).AppSettings;
        foreach (var app in CallbackApps(deployment))
        {
            Assert.Equal(InfraFixture.CorpId, settings[$"{SettingNames.CallbackReceiverPrefix}{app}__ReceiveId"]);
        }

        Assert.Equal(InfraFixture.CorpId, settings[SettingNames.WeComCorpId]);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Every_app_setting_in_the_template_is_read_by_the_code_or_the_platform(string deployment)
    {
        var apps = CallbackApps(deployment);
        var known = InfraSettings.CodeSettings
            .Concat(InfraSettings.PlatformSettings)
            .Concat(apps.SelectMany(app => InfraSettings.CallbackSuffixes.Select(suffix => $"{SettingNames.CallbackReceiverPrefix}{app}__{suffix}")))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = Snapshot(deployment).AppSettings.Keys.Where(key => !known.Contains(key)).ToList();
        Assert.True(unknown.Count == 0, "Not read by WeCom Guard (typo, or missing from SettingNames?): " + string.Join(", ", unknown));
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Tables_queues_and_containers_are_the_ones_storage_names_lists(string deployment)
    {
        var snapshot = Snapshot(deployment);
        Assert.Equal(
            InfraSettings.Tables.Order(),
            snapshot.ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order());
        Assert.Equal(
            InfraSettings.QueuesWithPoison.Order(),
            snapshot.ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order());

        // Besides StorageNames' containers: the package container and the Functions host's own two (created so that
        // the app's roles can be scoped to them).
        var containers = snapshot.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal(
            InfraSettings.Containers.Concat(["azure-webjobs-hosts", "azure-webjobs-secrets"]).Order(),
            containers.Where(name => !name.StartsWith("app-package-", StringComparison.Ordinal)).Order());
        Assert.Single(containers, name => name.StartsWith("app-package-", StringComparison.Ordinal));
        Assert.Contains(StorageNames.HrContainer, containers);

        var subscription = snapshot.One("Microsoft.EventGrid/systemTopics/eventSubscriptions")["properties"]!;
        Assert.Equal(StorageNames.FileScanQueue, (string?)subscription["deliveryWithResourceIdentity"]!["destination"]!["properties"]!["queueName"]);
        Assert.Equal($"/blobServices/default/containers/{StorageNames.IncomingFilesContainer}/blobs/", (string?)subscription["filter"]!["subjectBeginsWith"]);
        Assert.EndsWith(
            $"/default/{StorageNames.AuditReportsContainer}/default",
            (string)snapshot.One("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies")["name"]!,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Function_bindings_find_their_settings_queues_and_containers_in_the_template(string deployment)
    {
        var path = FunctionsMetadataContract.DefaultPath();
        Assert.True(File.Exists(path), $"{path} is missing: the test project references WeComGuard.Functions, whose build writes it.");
        var contract = FunctionsMetadataContract.Parse(File.ReadAllText(path));
        var snapshot = Snapshot(deployment);
        var unmet = contract.Unmet(
            snapshot.AppSettings,
            snapshot.ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues"),
            snapshot.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.True(unmet.Count == 0, $"Functions ({string.Join(", ", contract.Functions)}) need: " + string.Join("; ", unmet));
    }

    [Fact]
    public void Printed_callback_urls_match_the_callback_function_route()
    {
        var contract = FunctionsMetadataContract.Parse(File.ReadAllText(FunctionsMetadataContract.DefaultPath()));
        var host = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Root, "host.json")))!;
        var routePrefix = (string?)host["extensions"]?["http"]?["routePrefix"] ?? "api";
        var urls = (string)infra.RequireProduction().Outputs["callbackUrls"]!;
        // format('https://{0}/api/wecom/callback/{1}', <host name>, '<app>'): {1} is the route's {app}.
        var format = System.Text.RegularExpressions.Regex.Match(urls, @"format\('https://\{0\}/(?<path>[^']+)'").Groups["path"].Value;
        Assert.Contains(format.Replace("{1}", "{app}", StringComparison.Ordinal), contract.HttpRoutes.Select(route => $"{routePrefix}/{route}"));
    }

    [Fact]
    public void Binding_contract_reports_each_setting_queue_container_and_connection_the_template_lacks()
    {
        const string Metadata = """
            [
              { "name": "DirectorySync", "bindings": [ { "name": "timer", "type": "timerTrigger", "direction": "In", "schedule": "%DirectorySyncSchedule%" } ] },
              { "name": "NightlyThing", "bindings": [ { "name": "timer", "type": "timerTrigger", "direction": "In", "schedule": "%NightlyThingSchedule%" } ] },
              { "name": "ScanFile", "bindings": [ { "name": "message", "type": "queueTrigger", "direction": "In", "queueName": "file-scan", "connection": "AzureWebJobsStorage" } ] },
              { "name": "Forward", "bindings": [ { "name": "message", "type": "queueTrigger", "direction": "In", "queueName": "unknown-queue", "connection": "OtherStorage" },
                                                 { "name": "$return", "type": "queue", "direction": "Out", "queueName": "%ForwardQueue%" },
                                                 { "name": "report", "type": "blob", "direction": "Out", "path": "missing-container/{rand-guid}.json" } ] }
            ]
            """;
        var contract = FunctionsMetadataContract.Parse(Metadata);
        var snapshot = infra.RequireProduction();
        var unmet = contract.Unmet(
            snapshot.AppSettings,
            snapshot.ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues"),
            snapshot.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal(
            [
                "app setting ForwardQueue (bound as %ForwardQueue%)",
                "app setting NightlyThingSchedule (bound as %NightlyThingSchedule%)",
                "queue unknown-queue",
                "blob container missing-container",
                "connection OtherStorage (setting OtherStorage or OtherStorage__*)",
            ],
            unmet);
    }

    private DeploymentSnapshot Snapshot(string deployment) => infra.Require(deployment);

    private static IReadOnlyList<string> CallbackApps(string deployment) => InfraFixture.CallbackAppsOf(deployment);
}
