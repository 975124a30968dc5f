namespace WeComGuard.Tests.Infra;

/// <summary>Shares one <see cref="InfraFixture"/> (one set of Bicep CLI runs) among the infrastructure test classes.</summary>
[CollectionDefinition(Name)]
public sealed class InfraTestGroup : ICollectionFixture<InfraFixture>
{
    public const string Name = "Infra";
}
