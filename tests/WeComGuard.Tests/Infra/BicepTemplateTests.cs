using System.Text.Json;
using System.Text.Json.Nodes;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>infra/ compiles and lints clean with the rules in infra/bicepconfig.json raised to errors.</summary>
[Collection(InfraTestGroup.Name)]
[Trait("Needs", "Bicep")]
public sealed class BicepTemplateTests(InfraFixture infra)
{
    // Off on purpose, with the reason in bicepconfig.json: judged against today's date, not against the template.
    private static readonly string[] RulesAllowedOff = ["use-recent-api-versions"];

    [Fact]
    public void Main_bicep_lints_with_zero_diagnostics()
    {
        Assert.True(infra.LintTemplate.ExitCode == 0 && infra.LintTemplate.Output.Length == 0, infra.LintTemplate.ToString());
    }

    [Fact]
    public void Main_bicepparam_lints_with_zero_diagnostics()
    {
        Assert.True(infra.LintParameters.ExitCode == 0 && infra.LintParameters.Output.Length == 0, infra.LintParameters.ToString());
    }

    [Fact]
    public void Main_bicep_builds_to_an_arm_template_without_warnings()
    {
        Assert.True(infra.Build.ExitCode == 0 && infra.Build.Output.Length == 0, infra.Build.ToString());
        var template = infra.RequireTemplate();
        Assert.Contains("deploymentTemplate.json", (string?)template["$schema"], StringComparison.Ordinal);
        Assert.NotEmpty(template["resources"]!.AsObject());
    }

    [Fact]
    public void Main_bicepparam_builds_with_values_from_the_environment()
    {
        Assert.True(infra.BuildParameters.ExitCode == 0 && infra.BuildParameters.Output.Length == 0, infra.BuildParameters.ToString());
        var parameters = infra.Parameters!["parameters"]!.AsObject();
        Assert.Equal(InfraFixture.CorpId, (string?)parameters["weComCorpId"]!["value"]);
        Assert.Equal(InfraFixture.DeployerObjectId, (string?)parameters["deployerPrincipalId"]!["value"]);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("minimal")]
    [InlineData("elasticPremium")]
    [InlineData("flexDomain")]
    [InlineData("flexDomainPending")]
    public void Every_snapshot_evaluates_without_diagnostics(string deployment)
    {
        Assert.Empty(infra.Require(deployment).Diagnostics);
    }

    [Fact]
    public void Every_linter_rule_in_bicepconfig_is_an_error()
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(InfraFixture.InfraDirectory, "bicepconfig.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        Assert.True((bool?)config["analyzers"]!["core"]!["enabled"] ?? true);
        foreach (var (rule, settings) in rules)
        {
            var level = (string?)settings!["level"];
            Assert.True(level == "error" || RulesAllowedOff.Contains(rule), $"Rule {rule} is '{level}', not 'error'.");
        }

        // The rules this project relies on are present (unknown names would be silently ignored).
        Assert.All(
            new[] { "no-unused-params", "secure-secrets-in-params", "outputs-should-not-contain-secrets", "no-hardcoded-env-urls", "no-hardcoded-location", "no-unnecessary-dependson", "use-secure-value-for-secure-inputs" },
            rule => Assert.True(rules.ContainsKey(rule), rule));
    }

    [Fact]
    public async Task The_lint_gate_fails_a_template_that_breaks_a_rule()
    {
        // The gate can fail: a template with a hard-coded location and a secret output, linted with infra/'s config.
        var scratch = RepoPaths.CreateScratchDirectory("bicep-lint");
        try
        {
            var file = Path.Combine(scratch, "bad.bicep");
            await File.WriteAllTextAsync(file, """
                param unused string
                resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
                  name: 'id-bad'
                  location: 'eastasia'
                }
                output principal string = identity.properties.principalId
                """);
            var result = await BicepCli.RunAsync(
                ["lint", file, "--config", Path.Combine(InfraFixture.InfraDirectory, "bicepconfig.json")], scratch);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.Output, StringComparison.Ordinal);
            Assert.Contains("Error no-hardcoded-location", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
