using System.Text.Json.Nodes;
using NCrontab;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// The security baseline, checked over the deployment Bicep would make (the compiled ARM template evaluated by
/// <c>bicep snapshot</c>) and over the compiled template itself.
/// </summary>
[Collection(InfraTestGroup.Name)]
[Trait("Needs", "Bicep")]
public sealed class InfraBaselineTests(InfraFixture infra)
{
    private const string RoleDefinitions = "/providers/Microsoft.Authorization/roleDefinitions/";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string StorageQueueDataMessageSender = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CognitiveServicesUser = "a97b65f3-24c7-4388-baec-2e87135dc908";

    public static TheoryData<string> Deployments => [.. InfraFixture.Deployments];

    public static TheoryData<string> FlexDeployments => [.. InfraFixture.Deployments.Where(deployment => deployment != "elasticPremium")];

    [Theory]
    [MemberData(nameof(FlexDeployments))]
    public void Function_app_runs_on_flex_consumption_with_dotnet_isolated_10(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var plan = snapshot.One("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool?)plan["properties"]!["reserved"]);

        var site = snapshot.FunctionApp;
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal((string?)plan["id"], (string?)site["properties"]!["serverFarmId"]);
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
        // Flex rejects linuxFxVersion and ignores the classic runtime settings.
        Assert.Null(site["properties"]!["siteConfig"]!["linuxFxVersion"]);
        foreach (var deprecated in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
        {
            Assert.DoesNotContain(deprecated, snapshot.AppSettings.Keys);
        }
    }

    [Fact]
    public void Elastic_premium_runs_ep1_linux_dotnet_isolated_10_from_a_package_blob_without_azure_files()
    {
        var snapshot = infra.Require("elasticPremium");
        var plan = snapshot.One("Microsoft.Web/serverfarms");
        Assert.Equal("EP1", (string?)plan["sku"]!["name"]);
        Assert.Equal("ElasticPremium", (string?)plan["sku"]!["tier"]);
        Assert.Equal("elastic", (string?)plan["kind"]);
        Assert.True((bool?)plan["properties"]!["reserved"]);

        var site = snapshot.FunctionApp;
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Null(site["properties"]!["functionAppConfig"]);
        var siteConfig = site["properties"]!["siteConfig"]!;
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)siteConfig["linuxFxVersion"]);
        Assert.True((int?)siteConfig["minimumElasticInstanceCount"] >= 1);
        // Queue triggers behind the storage firewall: the scale controller cannot see them from outside the VNet.
        Assert.True((bool?)siteConfig["functionsRuntimeScaleMonitoringEnabled"]);
        Assert.True((bool?)site["properties"]!["outboundVnetRouting"]!["allTraffic"]);

        var settings = snapshot.AppSettings;
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        // Identity-only storage: no Azure Files content share, whose connection string would carry the account key.
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTSHARE", settings.Keys);
        // format('{0}{1}/{2}', <blob endpoint>, '<package container>', '<package blob>')
        Assert.Contains(".primaryEndpoints.blob", settings["WEBSITE_RUN_FROM_PACKAGE"], StringComparison.Ordinal);
        Assert.EndsWith(
            $"'{snapshot.Outputs["packageContainerName"]}', '{snapshot.Outputs["packageBlobName"]}')]", settings["WEBSITE_RUN_FROM_PACKAGE"], StringComparison.Ordinal);
        Assert.Equal(snapshot.IdentityId, settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);

        // The VNet subnet is delegated to the plan type that integrates through it.
        var subnet = snapshot.One("Microsoft.Network/virtualNetworks")["properties"]!["subnets"]!.AsArray().Single()!;
        Assert.Equal("Microsoft.Web/serverFarms", (string?)subnet["properties"]!["delegations"]!.AsArray().Single()!["properties"]!["serviceName"]);
    }

    [Fact]
    public void Callback_endpoints_have_an_always_ready_instance_unless_turned_off()
    {
        // WeCom abandons the callback URL check after 1 s: longer than a Flex cold start.
        var production = infra.RequireProduction().FunctionApp["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        var alwaysReady = Assert.Single(production["alwaysReady"]!.AsArray())!;
        Assert.Equal("http", (string?)alwaysReady["name"]);
        Assert.Equal(1, (int?)alwaysReady["instanceCount"]);

        var minimal = infra.RequireMinimal().FunctionApp["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.Empty(minimal["alwaysReady"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Function_app_is_https_only_with_tls_1_2_no_ftp_and_no_remote_debugging(string deployment)
    {
        var site = Snapshot(deployment).FunctionApp;
        var properties = site["properties"]!;
        Assert.True((bool?)properties["httpsOnly"]);
        var siteConfig = properties["siteConfig"]!;
        Assert.Equal("1.2", (string?)siteConfig["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)siteConfig["ftpsState"]);
        Assert.False((bool?)siteConfig["remoteDebuggingEnabled"]);

        var policies = Snapshot(deployment).OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(["ftp", "scm"], policies.Select(policy => ((string)policy["name"]!).Split('/')[^1]).Order());
        Assert.All(policies, policy => Assert.False((bool?)policy["properties"]!["allow"]));
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void One_user_assigned_identity_is_used_for_the_app_its_package_and_key_vault_references(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var identityId = snapshot.IdentityId;
        var site = snapshot.FunctionApp;
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal([identityId], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));
        Assert.Equal(identityId, (string?)site["properties"]!["keyVaultReferenceIdentity"]);

        var packageContainer = snapshot.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(name => name.StartsWith("app-package-", StringComparison.Ordinal));
        if (deployment == "elasticPremium")
        {
            Assert.Equal(identityId, snapshot.AppSettings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
            Assert.Contains($"'{packageContainer}'", snapshot.AppSettings["WEBSITE_RUN_FROM_PACKAGE"], StringComparison.Ordinal);
        }
        else
        {
            var packageStorage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
            Assert.Equal("blobContainer", (string?)packageStorage["type"]);
            Assert.Equal("UserAssignedIdentity", (string?)packageStorage["authentication"]!["type"]);
            Assert.Equal(identityId, (string?)packageStorage["authentication"]!["userAssignedIdentityResourceId"]);
            Assert.Contains($"'{packageContainer}'", (string?)packageStorage["value"], StringComparison.Ordinal);
        }

        // Event Grid delivers with its own system-assigned identity (what a storage firewall admits as trusted).
        var topic = snapshot.One("Microsoft.EventGrid/systemTopics");
        Assert.Equal("SystemAssigned", (string?)topic["identity"]!["type"]);

        var settings = snapshot.AppSettings;
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        var clientId = $"[reference('{identityId}', '2024-11-30').clientId]";
        Assert.Equal(clientId, settings["AzureWebJobsStorage__clientId"]);
        var storageId = (string)snapshot.StorageAccount["id"]!;
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Contains(storageId, settings[$"AzureWebJobsStorage__{service}ServiceUri"], StringComparison.Ordinal);
            Assert.EndsWith($".primaryEndpoints.{service}]", settings[$"AzureWebJobsStorage__{service}ServiceUri"], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Storage_account_has_no_shared_keys_no_public_blobs_tls_1_2_and_soft_delete(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var properties = snapshot.StorageAccount["properties"]!;
        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
        Assert.True((bool?)properties["defaultToOAuthAuthentication"]);

        var blobService = snapshot.One("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        Assert.True((bool?)blobService["deleteRetentionPolicy"]!["enabled"]);
        Assert.True((int?)blobService["deleteRetentionPolicy"]!["days"] >= 1);
        Assert.True((bool?)blobService["containerDeleteRetentionPolicy"]!["enabled"]);

        var containers = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.NotEmpty(containers);
        Assert.All(containers, container => Assert.Equal("None", (string?)container["properties"]!["publicAccess"]));
    }

    [Fact]
    public void An_overwrite_keeps_the_earlier_version_as_long_as_soft_delete_keeps_a_deleted_blob()
    {
        // The app may overwrite report and index blobs where it may not delete them; versioning keeps what was there.
        var module = StorageModule(infra.RequireTemplate());
        Assert.Equal("[parameters('blobSoftDeleteDays')]", (string?)module["properties"]!["parameters"]!["softDeleteDays"]!["value"]);
        var resources = TemplateResources(module["properties"]!["template"]!);
        var blobService = resources.Single(resource =>
            (string?)resource["type"] == "Microsoft.Storage/storageAccounts/blobServices" && resource["existing"] is null)["properties"]!;
        Assert.True((bool?)blobService["isVersioningEnabled"]);
        const string softDeleteDays = "[parameters('softDeleteDays')]";
        Assert.Equal(softDeleteDays, (string?)blobService["deleteRetentionPolicy"]!["days"]);

        var policy = resources.Single(resource => (string?)resource["type"] == "Microsoft.Storage/storageAccounts/managementPolicies");
        Assert.EndsWith(", 'default')]", (string)policy["name"]!, StringComparison.Ordinal);
        var rule = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.True((bool?)rule["enabled"]);
        Assert.Equal("Lifecycle", (string?)rule["type"]);
        Assert.Equal(["blockBlob"], rule["definition"]!["filters"]!["blobTypes"]!.AsArray().Select(type => (string?)type));
        Assert.Null(rule["definition"]!["filters"]!["prefixMatch"]);
        var actions = rule["definition"]!["actions"]!.AsObject();
        // Only earlier versions: the rule never removes a current blob.
        Assert.Equal(["version"], actions.Select(action => action.Key));
        Assert.Equal(softDeleteDays, (string?)actions["version"]!["delete"]!["daysAfterCreationGreaterThan"]);

        // Evaluated: the shipped parameters and a deployment that sets its own number of days.
        var shippedDays = (int?)infra.Parameters?["parameters"]?["blobSoftDeleteDays"]?["value"]
            ?? (int?)infra.RequireTemplate()["parameters"]!["blobSoftDeleteDays"]!["defaultValue"];
        foreach (var (snapshot, days) in new[] { (infra.RequireProduction(), shippedDays), (infra.RequireMinimal(), InfraFixture.MinimalBlobSoftDeleteDays) })
        {
            Assert.Equal(days, (int?)snapshot.One("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["deleteRetentionPolicy"]!["days"]);
            var evaluated = Assert.Single(snapshot.One("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray())!;
            Assert.Equal(days, (int?)evaluated["definition"]!["actions"]!["version"]!["delete"]!["daysAfterCreationGreaterThan"]);
        }

        Assert.NotEqual(shippedDays, InfraFixture.MinimalBlobSoftDeleteDays);
    }

    [Fact]
    public void Audit_reports_get_an_unlocked_immutability_policy_for_the_configured_days()
    {
        var policy = infra.RequireMinimal().One("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        Assert.EndsWith("/default/audit-reports/default", (string)policy["name"]!, StringComparison.Ordinal);
        Assert.Equal(InfraFixture.MinimalAuditRetentionDays, (int?)policy["properties"]!["immutabilityPeriodSinceCreationInDays"]);
        Assert.Null(policy["properties"]!["state"]);
        Assert.DoesNotContain("/lock", infra.TemplateText, StringComparison.OrdinalIgnoreCase);

        var shipped = infra.RequireProduction().One("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        Assert.Equal((int?)infra.Parameters!["parameters"]!["auditReportRetentionDays"]!["value"], (int?)shipped["properties"]!["immutabilityPeriodSinceCreationInDays"]);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Key_vault_uses_rbac_soft_delete_90_days_and_purge_protection(string deployment)
    {
        var properties = Snapshot(deployment).KeyVault["properties"]!;
        Assert.True((bool?)properties["enableRbacAuthorization"]);
        Assert.True((bool?)properties["enableSoftDelete"]);
        Assert.Equal(90, (int?)properties["softDeleteRetentionInDays"]);
        Assert.True((bool?)properties["enablePurgeProtection"]);
        Assert.Null(properties["accessPolicies"]);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Key_vault_audit_log_goes_to_log_analytics(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var setting = snapshot.One("Microsoft.Insights/diagnosticSettings");
        Assert.StartsWith((string)snapshot.KeyVault["id"]! + "/providers/Microsoft.Insights/diagnosticSettings/", (string)setting["id"]!, StringComparison.Ordinal);
        Assert.Equal((string?)snapshot.One("Microsoft.OperationalInsights/workspaces")["id"], (string?)setting["properties"]!["workspaceId"]);
        var log = Assert.Single(setting["properties"]!["logs"]!.AsArray())!;
        Assert.Equal("audit", (string?)log["categoryGroup"]);
        Assert.True((bool?)log["enabled"]);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Telemetry_goes_to_workspace_based_application_insights_with_local_auth_disabled(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var workspace = snapshot.One("Microsoft.OperationalInsights/workspaces");
        var appInsights = snapshot.One("Microsoft.Insights/components");
        Assert.True((bool?)appInsights["properties"]!["DisableLocalAuth"]);
        Assert.Equal((string?)workspace["id"], (string?)appInsights["properties"]!["WorkspaceResourceId"]);

        var settings = snapshot.AppSettings;
        Assert.Contains((string)appInsights["id"]!, settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.Equal(
            $"[format('ClientId={{0}};Authorization=AAD', reference('{snapshot.IdentityId}', '2024-11-30').clientId)]",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void Language_account_is_entra_only_with_a_custom_subdomain_when_enabled()
    {
        var production = infra.RequireProduction();
        var language = production.One("Microsoft.CognitiveServices/accounts");
        Assert.Equal("TextAnalytics", (string?)language["kind"]);
        Assert.Equal((string?)language["name"], (string?)language["properties"]!["customSubDomainName"]);
        Assert.True((bool?)language["properties"]!["disableLocalAuth"]);
        Assert.Contains((string)language["id"]!, production.AppSettings["Language__Endpoint"], StringComparison.Ordinal);
        Assert.Contains(RoleAssignments(production), assignment => assignment.Role == CognitiveServicesUser && assignment.Scope == (string)language["id"]!);
    }

    [Fact]
    public void Language_account_and_its_role_are_absent_when_disabled()
    {
        var minimal = infra.RequireMinimal();
        Assert.Empty(minimal.OfType("Microsoft.CognitiveServices/accounts"));
        Assert.DoesNotContain(RoleAssignments(minimal), assignment => assignment.Role == CognitiveServicesUser);
        Assert.Equal(string.Empty, minimal.AppSettings["Language__Endpoint"]);
        Assert.Equal(string.Empty, (string?)minimal.Outputs["languageEndpoint"]);
    }

    [Fact]
    public void Static_egress_ip_routes_the_app_through_a_nat_gateway_and_is_an_output()
    {
        var production = infra.RequireProduction();
        var publicIp = production.One("Microsoft.Network/publicIPAddresses");
        Assert.Equal("Static", (string?)publicIp["properties"]!["publicIPAllocationMethod"]);
        Assert.Equal("Standard", (string?)publicIp["sku"]!["name"]);
        var natGateway = production.One("Microsoft.Network/natGateways");
        Assert.Equal([(string)publicIp["id"]!], natGateway["properties"]!["publicIpAddresses"]!.AsArray().Select(ip => (string)ip!["id"]!));

        var vnet = production.One("Microsoft.Network/virtualNetworks");
        var subnet = vnet["properties"]!["subnets"]!.AsArray().Single()!;
        Assert.Equal((string?)natGateway["id"], (string?)subnet["properties"]!["natGateway"]!["id"]);
        Assert.Equal("Microsoft.App/environments", (string?)subnet["properties"]!["delegations"]!.AsArray().Single()!["properties"]!["serviceName"]);
        Assert.Equal($"{vnet["id"]}/subnets/{subnet["name"]}", (string?)production.FunctionApp["properties"]!["virtualNetworkSubnetId"]);
        Assert.Equal($"[reference('{publicIp["id"]}', '2025-05-01').ipAddress]", (string?)production.Outputs["egressIp"]);
    }

    [Fact]
    public void Without_static_egress_ip_there_is_no_network_and_no_vnet_integration()
    {
        var minimal = infra.RequireMinimal();
        Assert.Empty(minimal.OfType("Microsoft.Network/virtualNetworks"));
        Assert.Empty(minimal.OfType("Microsoft.Network/natGateways"));
        Assert.Empty(minimal.OfType("Microsoft.Network/publicIPAddresses"));
        Assert.Null(minimal.FunctionApp["properties"]!["virtualNetworkSubnetId"]);
        Assert.Equal(string.Empty, (string?)minimal.Outputs["egressIp"]);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Blob_created_events_under_incoming_files_go_to_the_file_scan_queue_with_the_topics_own_identity(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var storageId = (string)snapshot.StorageAccount["id"]!;
        var topic = snapshot.One("Microsoft.EventGrid/systemTopics");
        Assert.Equal(storageId, (string?)topic["properties"]!["source"]);
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);

        var subscription = snapshot.One("Microsoft.EventGrid/systemTopics/eventSubscriptions")["properties"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription["filter"]!["includedEventTypes"]!.AsArray().Select(type => (string)type!));
        Assert.Equal("/blobServices/default/containers/incoming-files/blobs/", (string?)subscription["filter"]!["subjectBeginsWith"]);
        Assert.Null(subscription["destination"]);
        var delivery = subscription["deliveryWithResourceIdentity"]!;
        Assert.Equal("SystemAssigned", (string?)delivery["identity"]!["type"]);
        Assert.Equal("StorageQueue", (string?)delivery["destination"]!["endpointType"]);
        Assert.Equal(storageId, (string?)delivery["destination"]!["properties"]!["resourceId"]);
        Assert.Equal("file-scan", (string?)delivery["destination"]!["properties"]!["queueName"]);

        // The topic may only add messages, and only to that queue.
        var topicPrincipal = $"[reference('{topic["id"]}', '2025-02-15', 'full').identity.principalId]";
        var sender = Assert.Single(RoleAssignments(snapshot), assignment => assignment.Principal == topicPrincipal);
        Assert.Equal((StorageQueueDataMessageSender, $"{storageId}/queueServices/default/queues/file-scan"), (sender.Role, sender.Scope));
        Assert.Equal("ServicePrincipal", sender.PrincipalType);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Role_assignments_are_least_privilege_scoped_to_containers_and_queues_and_named_by_scope_principal_and_role(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var storageId = (string)snapshot.StorageAccount["id"]!;
        var vaultId = (string)snapshot.KeyVault["id"]!;
        var appInsightsId = (string)snapshot.One("Microsoft.Insights/components")["id"]!;
        var principal = $"reference('{snapshot.IdentityId}', '2024-11-30').principalId";
        string Container(string name) => $"{storageId}/blobServices/default/containers/{name}";
        var packageContainer = Container((string)snapshot.Outputs["packageContainerName"]!);

        var app = RoleAssignments(snapshot).Where(assignment => assignment.Principal == $"[{principal}]").ToList();
        var expected = new List<(string Role, string Scope, bool NoDelete)>
        {
            // The Functions host's containers and the package: read, write, delete.
            (StorageBlobDataContributor, Container("azure-webjobs-hosts"), false),
            (StorageBlobDataContributor, Container("azure-webjobs-secrets"), false),
            (StorageBlobDataContributor, packageContainer, false),
            // Files and reports: written, never deleted by the app.
            (StorageBlobDataContributor, Container("incoming-files"), true),
            (StorageBlobDataContributor, Container("scan-reports"), true),
            (StorageBlobDataContributor, Container("audit-reports"), true),
            (StorageBlobDataContributor, Container("audit-index"), true),
            // The roster HR uploads and the room ids the chat-archive exporter writes: read only.
            (StorageBlobDataReader, Container("hr-roster"), false),
            (StorageBlobDataReader, Container("chat-archive"), false),
            (StorageTableDataContributor, storageId, false),
            (KeyVaultSecretsUser, vaultId, false),
            (MonitoringMetricsPublisher, appInsightsId, false),
        };
        expected.AddRange(InfraSettings.QueuesWithPoison.Select(queue => (StorageQueueDataContributor, $"{storageId}/queueServices/default/queues/{queue}", false)));
        if (snapshot.OfType("Microsoft.CognitiveServices/accounts").Count == 1)
        {
            expected.Add((CognitiveServicesUser, (string)snapshot.One("Microsoft.CognitiveServices/accounts")["id"]!, false));
        }

        Assert.Equal(expected.Order(), app.Select(assignment => (assignment.Role, assignment.Scope, assignment.NoDelete)).Order());
        Assert.All(app, assignment =>
        {
            Assert.Equal("ServicePrincipal", assignment.PrincipalType);
            Assert.Equal($"[guid('{assignment.Scope}', {principal}, '{assignment.Role}')]", assignment.Name);
        });
        // Nobody owns blob data, and no blob or queue role covers the whole account.
        Assert.DoesNotContain(RoleAssignments(snapshot), assignment => assignment.Role == StorageBlobDataOwner);
        Assert.DoesNotContain(RoleAssignments(snapshot), assignment =>
            assignment.Scope == storageId && assignment.Role is StorageBlobDataContributor or StorageBlobDataReader or StorageQueueDataContributor);

        // Besides Event Grid's sender role: the deployer's right to write secrets (and, on Elastic Premium, the
        // package), only when a deployer is given.
        var others = RoleAssignments(snapshot).Except(app).Where(assignment => assignment.Role != StorageQueueDataMessageSender).ToList();
        var deployerRoles = deployment switch
        {
            "production" => new[] { (KeyVaultSecretsOfficer, vaultId) },
            "elasticPremium" => [(KeyVaultSecretsOfficer, vaultId), (StorageBlobDataContributor, packageContainer)],
            _ => [],
        };
        Assert.Equal(deployerRoles.Order(), others.Select(assignment => (assignment.Role, assignment.Scope)).Order());
        Assert.All(others, deployer =>
        {
            Assert.Equal((InfraFixture.DeployerObjectId, "User"), (deployer.Principal, deployer.PrincipalType));
            Assert.Equal(ArmGuid.Create(deployer.Scope, InfraFixture.DeployerObjectId, deployer.Role).ToString(), deployer.Name);
        });
    }

    [Fact]
    public void The_no_delete_condition_denies_blob_and_version_deletes_and_nothing_else()
    {
        var assignment = RoleAssignments(infra.RequireProduction()).First(candidate => candidate.NoDelete);
        Assert.Equal("2.0", assignment.ConditionVersion);
        var denied = System.Text.RegularExpressions.Regex.Matches(assignment.Condition!, @"!\(ActionMatches\{'(?<action>[^']+)'\}\)")
            .Select(match => match.Groups["action"].Value);
        Assert.Equal(
            [
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/deleteBlobVersion/action",
            ],
            denied.Order());
        // Without an OR branch nothing re-allows the denied actions.
        Assert.DoesNotContain(" OR ", assignment.Condition!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("elasticPremium")]
    public void With_the_vnet_storage_key_vault_and_language_admit_only_the_app_subnet_operators_and_trusted_services(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var subnet = (string)snapshot.FunctionApp["properties"]!["virtualNetworkSubnetId"]!;
        var operators = deployment == "elasticPremium" ? new[] { InfraFixture.OperatorIpRange } : [];
        foreach (var resource in new[] { snapshot.StorageAccount, snapshot.KeyVault, snapshot.One("Microsoft.CognitiveServices/accounts") })
        {
            var acls = resource["properties"]!["networkAcls"]!;
            Assert.Equal("Deny", (string?)acls["defaultAction"]);
            Assert.Equal([subnet], acls["virtualNetworkRules"]!.AsArray().Select(rule => (string)rule!["id"]!));
            Assert.Equal(operators, acls["ipRules"]!.AsArray().Select(rule => (string)rule!["value"]!));
        }

        // Event Grid (trusted service with its managed identity) still reaches the file-scan queue; Key Vault lets
        // the platform resolve Key Vault references.
        Assert.Equal("AzureServices", (string?)snapshot.StorageAccount["properties"]!["networkAcls"]!["bypass"]);
        Assert.Equal("AzureServices", (string?)snapshot.KeyVault["properties"]!["networkAcls"]!["bypass"]);
        var endpoints = snapshot.One("Microsoft.Network/virtualNetworks")["properties"]!["subnets"]!.AsArray().Single()!["properties"]!["serviceEndpoints"]!
            .AsArray().Select(endpoint => (string)endpoint!["service"]!);
        Assert.Equal(["Microsoft.CognitiveServices", "Microsoft.KeyVault", "Microsoft.Storage"], endpoints.Order());
    }

    [Theory]
    [InlineData("minimal")]
    [InlineData("flexDomain")]
    public void Without_the_vnet_storage_key_vault_and_language_stay_reachable_as_docs_deploy_explains(string deployment)
    {
        // No fixed egress address to admit (Flex's outbound addresses are shared and change): identity is the control.
        var snapshot = Snapshot(deployment);
        foreach (var resource in new[] { snapshot.StorageAccount, snapshot.KeyVault }.Concat(snapshot.OfType("Microsoft.CognitiveServices/accounts")))
        {
            Assert.Equal("Allow", (string?)resource["properties"]!["networkAcls"]!["defaultAction"]);
        }

        Assert.False((bool?)snapshot.StorageAccount["properties"]!["allowSharedKeyAccess"]);
        Assert.True((bool?)snapshot.KeyVault["properties"]!["enableRbacAuthorization"]);
    }

    [Fact]
    public void Custom_callback_domain_on_elastic_premium_gets_a_managed_certificate_and_sni()
    {
        var snapshot = infra.Require("elasticPremium");
        var site = snapshot.FunctionApp;
        var bindings = snapshot.OfType("Microsoft.Web/sites/hostNameBindings");
        Assert.All(bindings, binding => Assert.Equal($"{site["name"]}/{InfraFixture.CallbackHost}", (string?)binding["name"]));
        // Bound first without TLS (a managed certificate needs the bound name), then again with SNI.
        Assert.Equal(["Disabled", "SniEnabled"], bindings.Select(binding => (string)binding["properties"]!["sslState"]!));
        Assert.All(bindings, binding => Assert.Equal("CName", (string?)binding["properties"]!["customHostNameDnsRecordType"]));

        var certificate = snapshot.One("Microsoft.Web/certificates");
        Assert.Equal(InfraFixture.CallbackHost, (string?)certificate["properties"]!["canonicalName"]);
        Assert.Equal((string?)snapshot.One("Microsoft.Web/serverfarms")["id"], (string?)certificate["properties"]!["serverFarmId"]);
        Assert.Null(certificate["properties"]!["keyVaultId"]);
        Assert.Equal($"[reference('{certificate["id"]}', '2025-03-01').thumbprint]", (string?)bindings[1]["properties"]!["thumbprint"]);
        Assert.True((bool?)site["properties"]!["httpsOnly"]);
        Assert.Empty(snapshot.OfType("Microsoft.Web/sites/certificates"));

        Assert.Equal(
            InfraFixture.ProductionCallbackApps.Select(app => $"https://{InfraFixture.CallbackHost}/api/wecom/callback/{app}"),
            snapshot.Outputs["callbackUrls"]!.AsArray().Select(url => (string)url!));
        Assert.Equal(InfraFixture.CallbackHost, (string?)snapshot.Outputs["callbackHostName"]);
    }

    [Fact]
    public void Custom_callback_domain_on_flex_takes_the_key_vault_certificate_as_a_site_certificate()
    {
        // Flex Consumption supports no App Service managed certificates.
        var snapshot = infra.Require("flexDomain");
        var site = snapshot.FunctionApp;
        Assert.Empty(snapshot.OfType("Microsoft.Web/certificates"));
        var certificate = snapshot.One("Microsoft.Web/sites/certificates");
        Assert.StartsWith($"{site["name"]}/", (string)certificate["name"]!, StringComparison.Ordinal);
        Assert.Equal(
            $"/subscriptions/{InfraFixture.SubscriptionId}/resourceGroups/{InfraFixture.CertificateVaultResourceGroup}/providers/Microsoft.KeyVault/vaults/{InfraFixture.CertificateVault}",
            (string?)certificate["properties"]!["keyVaultId"]);
        Assert.Equal(InfraFixture.CertificateSecretName, (string?)certificate["properties"]!["keyVaultSecretName"]);

        var bindings = snapshot.OfType("Microsoft.Web/sites/hostNameBindings");
        Assert.Equal(["Disabled", "SniEnabled"], bindings.Select(binding => (string)binding["properties"]!["sslState"]!));
        // Given in capitals, bound in lowercase.
        Assert.All(bindings, binding => Assert.Equal($"{site["name"]}/{InfraFixture.CallbackHost}", (string?)binding["name"]));
        Assert.Equal($"[reference('{certificate["id"]}', '2025-03-01').thumbprint]", (string?)bindings[1]["properties"]!["thumbprint"]);
        Assert.Equal(
            [$"https://{InfraFixture.CallbackHost}/api/wecom/callback/contacts"],
            snapshot.Outputs["callbackUrls"]!.AsArray().Select(url => (string)url!));
    }

    [Theory]
    [InlineData("flexDomainPending")]
    [InlineData("flexDomain")]
    [InlineData("elasticPremium")]
    public void The_dns_records_to_create_first_are_an_output_a_cname_to_the_default_host_and_the_asuid_txt(string deployment)
    {
        var snapshot = infra.Require(deployment);
        var site = (string)snapshot.FunctionApp["id"]!;
        var records = (string)snapshot.Outputs["callbackDnsRecords"]!;
        Assert.Equal(
            $"[createArray(createObject('type', 'CNAME', 'name', '{InfraFixture.CallbackHost}', 'value', reference('{site}', '2025-03-01').defaultHostName), "
            + $"createObject('type', 'TXT', 'name', 'asuid.{InfraFixture.CallbackHost}', 'value', reference('{site}', '2025-03-01').customDomainVerificationId))]",
            records);
    }

    [Fact]
    public void Before_its_dns_records_exist_the_custom_domain_is_not_bound_and_the_urls_stay_on_the_default_host()
    {
        var pending = infra.Require("flexDomainPending");
        Assert.Empty(pending.OfType("Microsoft.Web/sites/hostNameBindings"));
        Assert.Empty(pending.OfType("Microsoft.Web/sites/certificates"));
        Assert.Contains(".defaultHostName", (string)pending.Outputs["callbackUrls"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("minimal")]
    public void Without_a_custom_domain_there_is_no_binding_certificate_or_dns_record(string deployment)
    {
        var snapshot = Snapshot(deployment);
        Assert.Empty(snapshot.OfType("Microsoft.Web/sites/hostNameBindings"));
        Assert.Empty(snapshot.OfType("Microsoft.Web/certificates"));
        Assert.Empty(snapshot.OfType("Microsoft.Web/sites/certificates"));
        Assert.Empty(snapshot.Outputs["callbackDnsRecords"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void App_settings_hold_no_keys_and_secrets_only_as_key_vault_references(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var vaultName = (string)snapshot.KeyVault["name"]!;
        foreach (var (name, value) in snapshot.AppSettings)
        {
            foreach (var forbidden in new[] { "listKeys", "listSecrets", "listAccountSas", "listServiceSas", "AccountKey=", "SharedAccessSignature", "SharedAccessKey" })
            {
                Assert.DoesNotContain(forbidden, value, StringComparison.OrdinalIgnoreCase);
            }

            if (InfraSettings.LooksSecret(name))
            {
                Assert.Matches($"^@Microsoft\\.KeyVault\\(VaultName={vaultName};SecretName=[a-z0-9-]+\\)$", value);
            }
        }
    }

    [Fact]
    public void Template_lists_no_keys_takes_no_secrets_and_outputs_none()
    {
        var template = infra.RequireTemplate();
        foreach (var function in new[] { "listKeys(", "listSecrets(", "listAccountSas(", "listServiceSas(", "listConnectionStrings(" })
        {
            Assert.DoesNotContain(function, infra.TemplateText, StringComparison.OrdinalIgnoreCase);
        }

        // Secrets never pass through the deployment: deploy.sh writes them straight to Key Vault.
        Assert.All(template["parameters"]!.AsObject(), parameter =>
            Assert.DoesNotContain("secure", (string?)parameter.Value!["type"] ?? string.Empty, StringComparison.OrdinalIgnoreCase));
        Assert.All(template["outputs"]!.AsObject(), output =>
        {
            Assert.DoesNotContain("secure", (string?)output.Value!["type"] ?? string.Empty, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@Microsoft.KeyVault", output.Value!.ToJsonString(), StringComparison.Ordinal);
        });

        var outputs = infra.RequireProduction().Outputs;
        Assert.DoesNotContain("@Microsoft.KeyVault", outputs.ToJsonString(), StringComparison.Ordinal);
        Assert.All(outputs["keyVaultSecretNames"]!.AsArray(), name => Assert.Matches("^[a-z0-9-]+$", (string)name!));
    }

    [Fact]
    public void Callback_urls_are_printed_for_every_receiver()
    {
        // [createArray(format('https://{0}/api/wecom/callback/{1}', reference(<site>).defaultHostName, '<app>'), ...)]
        var production = infra.RequireProduction();
        var urls = (string)production.Outputs["callbackUrls"]!;
        var site = (string)production.FunctionApp["id"]!;
        var expected = InfraFixture.ProductionCallbackApps.Select(app =>
            $"format('https://{{0}}/api/wecom/callback/{{1}}', reference('{site}', '2025-03-01').defaultHostName, '{app}')");
        Assert.Equal($"[createArray({string.Join(", ", expected)})]", urls);
    }

    [Theory]
    [InlineData("DirectorySyncSchedule", 1)]
    [InlineData("FileTransferAuditSchedule", 24)]
    [InlineData("EventSweepSchedule", 288)]
    [InlineData("AdminAuditSchedule", 1)]
    [InlineData("HandoverAuditSchedule", 1)]
    public void Schedules_are_six_field_ncrontab_running_nightly_or_hourly(string setting, int runsPerDay)
    {
        var expression = infra.RequireProduction().AppSettings[setting];
        Assert.Equal(6, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var day = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(runsPerDay, schedule.GetNextOccurrences(day.AddTicks(-1), day.AddDays(1).AddTicks(-1)).Count());
    }

    private DeploymentSnapshot Snapshot(string deployment) => infra.Require(deployment);

    /// <summary>The module deployment (in the compiled main.json) that creates the storage account.</summary>
    private static JsonObject StorageModule(JsonObject template) =>
        TemplateResources(template)
            .Single(resource => (string?)resource["type"] == "Microsoft.Resources/deployments"
                && TemplateResources(resource["properties"]!["template"]!).Any(inner =>
                    (string?)inner["type"] == "Microsoft.Storage/storageAccounts" && inner["existing"] is null));

    /// <summary>A template's resources: an object keyed by symbolic name (languageVersion 2.0) or an array.</summary>
    private static List<JsonObject> TemplateResources(JsonNode template) =>
        template["resources"] switch
        {
            JsonObject byName => byName.Select(entry => entry.Value!.AsObject()).ToList(),
            JsonArray list => list.Select(resource => resource!.AsObject()).ToList(),
            _ => [],
        };

    private static List<RoleAssignment> RoleAssignments(DeploymentSnapshot snapshot) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(RoleAssignment.From).ToList();

    private sealed record RoleAssignment(string Name, string Scope, string Role, string Principal, string? PrincipalType, string? Condition, string? ConditionVersion)
    {
        public bool NoDelete => Condition is { Length: > 0 };

        public static RoleAssignment From(JsonObject resource)
        {
            var id = (string)resource["id"]!;
            // Evaluated: <scope>/providers/Microsoft.Authorization/roleAssignments/<guid>; with a runtime principal ID:
            // [extensionResourceId('<scope>', 'Microsoft.Authorization/roleAssignments', guid(...))].
            const string prefix = "[extensionResourceId('";
            const string suffix = "/providers/Microsoft.Authorization/roleAssignments/";
            var scope = id.StartsWith(prefix, StringComparison.Ordinal)
                ? id[prefix.Length..id.IndexOf('\'', prefix.Length)]
                : id[..id.LastIndexOf(suffix, StringComparison.Ordinal)];
            var properties = resource["properties"]!;
            var roleDefinitionId = (string)properties["roleDefinitionId"]!;
            Assert.StartsWith($"/subscriptions/{InfraFixture.SubscriptionId}{RoleDefinitions}", roleDefinitionId, StringComparison.Ordinal);
            return new RoleAssignment(
                (string)resource["name"]!,
                scope,
                roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..],
                (string)properties["principalId"]!,
                (string?)properties["principalType"],
                (string?)properties["condition"],
                (string?)properties["conditionVersion"]);
        }
    }
}
