using WeComGuard.Tests.Host;

namespace WeComGuard.Tests.Cli;

/// <summary>
/// wecomguard serve over real HTTP, real Azurite and the sandbox: the same scenarios the real Functions host passes
/// (<see cref="AppHostConformance{TFixture}"/>), so serve stays a faithful stand-in.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class ServeEndToEndTests(ServeHostFixture host) : AppHostConformance<ServeHostFixture>(host)
{
}
