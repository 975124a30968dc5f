using System.Text.Json.Nodes;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// The output of <c>bicep snapshot</c>: the compiled ARM template evaluated for one parameters file, with every module
/// expanded into the resources it deploys. Values known only at deployment time stay ARM expressions ("[reference(...)]").
/// </summary>
public sealed class DeploymentSnapshot
{
    public DeploymentSnapshot(JsonObject snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Resources = (snapshot["predictedResources"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .ToList();
        Outputs = snapshot["outputs"] as JsonObject ?? [];
        Diagnostics = snapshot["diagnostics"] as JsonArray ?? [];
    }

    public IReadOnlyList<JsonObject> Resources { get; }

    public JsonObject Outputs { get; }

    public JsonArray Diagnostics { get; }

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject One(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The last segment of each child resource's name (e.g. container names).</summary>
    public IReadOnlyList<string> ChildNames(string type) =>
        OfType(type).Select(resource => ((string)resource["name"]!).Split('/')[^1]).ToList();

    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var config = OfType("Microsoft.Web/sites/config").Single(resource => ((string)resource["name"]!).EndsWith("/appsettings", StringComparison.Ordinal));
            return config["properties"]!.AsObject().ToDictionary(
                property => property.Key,
                property => property.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)property.Value! : property.Value?.ToJsonString() ?? string.Empty,
                StringComparer.Ordinal);
        }
    }

    public string IdentityId => (string)One("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;

    public JsonObject StorageAccount => One("Microsoft.Storage/storageAccounts");

    public JsonObject KeyVault => One("Microsoft.KeyVault/vaults");

    public JsonObject FunctionApp => One("Microsoft.Web/sites");
}
