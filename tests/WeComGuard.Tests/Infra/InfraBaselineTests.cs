using System.Text.Json.Nodes;
using NCrontab;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// The security baseline, checked over the deployment Bicep would make (the compiled ARM template evaluated by
/// <c>bicep snapshot</c>) and over the compiled template itself.
/// </summary>
[Collection(InfraTestGroup.Name)]
public sealed class InfraBaselineTests(InfraFixture infra)
{
    private const string RoleDefinitions = "/providers/Microsoft.Authorization/roleDefinitions/";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CognitiveServicesUser = "a97b65f3-24c7-4388-baec-2e87135dc908";

    public static TheoryData<string> Deployments => new() { "production", "minimal" };

    [Theory]
    [MemberData(nameof(Deployments))]
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
    public void One_user_assigned_identity_is_used_for_the_app_its_package_key_vault_references_and_event_delivery(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var identityId = snapshot.IdentityId;
        var site = snapshot.FunctionApp;
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal([identityId], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));
        Assert.Equal(identityId, (string?)site["properties"]!["keyVaultReferenceIdentity"]);

        var packageStorage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)packageStorage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)packageStorage["authentication"]!["type"]);
        Assert.Equal(identityId, (string?)packageStorage["authentication"]!["userAssignedIdentityResourceId"]);
        var packageContainer = snapshot.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(name => name.StartsWith("app-package-", StringComparison.Ordinal));
        Assert.Contains($"'{packageContainer}'", (string?)packageStorage["value"], StringComparison.Ordinal);

        var topic = snapshot.One("Microsoft.EventGrid/systemTopics");
        Assert.Equal([identityId], topic["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));

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
    public void Blob_created_events_under_incoming_files_go_to_the_file_scan_queue_with_the_identity(string deployment)
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
        Assert.Equal("UserAssigned", (string?)delivery["identity"]!["type"]);
        Assert.Equal(snapshot.IdentityId, (string?)delivery["identity"]!["userAssignedIdentity"]);
        Assert.Equal("StorageQueue", (string?)delivery["destination"]!["endpointType"]);
        Assert.Equal(storageId, (string?)delivery["destination"]!["properties"]!["resourceId"]);
        Assert.Equal("file-scan", (string?)delivery["destination"]!["properties"]!["queueName"]);
        // The delivering identity may send to queues on that account.
        Assert.Contains(RoleAssignments(snapshot), assignment => assignment.Role == StorageQueueDataContributor && assignment.Scope == storageId);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Role_assignments_are_least_privilege_named_by_scope_principal_and_role(string deployment)
    {
        var snapshot = Snapshot(deployment);
        var storageId = (string)snapshot.StorageAccount["id"]!;
        var vaultId = (string)snapshot.KeyVault["id"]!;
        var appInsightsId = (string)snapshot.One("Microsoft.Insights/components")["id"]!;
        var principal = $"reference('{snapshot.IdentityId}', '2024-11-30').principalId";

        var app = RoleAssignments(snapshot).Where(assignment => assignment.Principal == $"[{principal}]").ToList();
        var expected = new List<(string Role, string Scope)>
        {
            (StorageBlobDataOwner, storageId), (StorageQueueDataContributor, storageId), (StorageTableDataContributor, storageId),
            (KeyVaultSecretsUser, vaultId), (MonitoringMetricsPublisher, appInsightsId),
        };
        if (deployment == "production")
        {
            expected.Add((CognitiveServicesUser, (string)snapshot.One("Microsoft.CognitiveServices/accounts")["id"]!));
        }

        Assert.Equal(expected.Order(), app.Select(assignment => (assignment.Role, assignment.Scope)).Order());
        Assert.All(app, assignment =>
        {
            Assert.Equal("ServicePrincipal", assignment.PrincipalType);
            Assert.Equal($"[guid('{assignment.Scope}', {principal}, '{assignment.Role}')]", assignment.Name);
        });

        // Nothing else but the deployer's right to write secrets, and only when a deployer is given.
        var others = RoleAssignments(snapshot).Except(app).ToList();
        if (deployment == "production")
        {
            var deployer = Assert.Single(others);
            Assert.Equal((KeyVaultSecretsOfficer, vaultId, InfraFixture.DeployerObjectId), (deployer.Role, deployer.Scope, deployer.Principal));
            Assert.Equal("User", deployer.PrincipalType);
            Assert.Equal(ArmGuid.Create(vaultId, InfraFixture.DeployerObjectId, KeyVaultSecretsOfficer).ToString(), deployer.Name);
        }
        else
        {
            Assert.Empty(others);
        }
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
    [InlineData("AccountAuditSchedule", 1)]
    [InlineData("GroupAuditSchedule", 1)]
    [InlineData("FileTransferAuditSchedule", 24)]
    public void Schedules_are_six_field_ncrontab_running_nightly_or_hourly(string setting, int runsPerDay)
    {
        var expression = infra.RequireProduction().AppSettings[setting];
        Assert.Equal(6, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var day = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(runsPerDay, schedule.GetNextOccurrences(day.AddTicks(-1), day.AddDays(1).AddTicks(-1)).Count());
    }

    private DeploymentSnapshot Snapshot(string deployment) =>
        deployment == "production" ? infra.RequireProduction() : infra.RequireMinimal();

    private static List<RoleAssignment> RoleAssignments(DeploymentSnapshot snapshot) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(RoleAssignment.From).ToList();

    private sealed record RoleAssignment(string Name, string Scope, string Role, string Principal, string? PrincipalType)
    {
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
                (string?)properties["principalType"]);
        }
    }
}
