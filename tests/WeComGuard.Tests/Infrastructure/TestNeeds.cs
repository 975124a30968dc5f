namespace WeComGuard.Tests.Infrastructure;

/// <summary>
/// The values of the <c>Needs</c> trait: what a test class needs beyond the .NET SDK (docs/testing.md). A class with
/// none of them is a unit test, run by <c>./scripts/test.sh --unit</c>; <see cref="TestNeedsTests"/> fails when a class
/// uses one of these without saying so.
/// </summary>
public static class TestNeeds
{
    public const string Trait = "Needs";

    /// <summary>An Azurite process (<see cref="AzuriteFixture"/>, <see cref="AzuriteProcess"/>), from the pinned Node.js tools.</summary>
    public const string Azurite = "Azurite";

    /// <summary>The Bicep CLI compiling infra/ offline.</summary>
    public const string Bicep = "Bicep";

    /// <summary>Headless Chromium (Debian's package).</summary>
    public const string Chromium = "Chromium";

    /// <summary>The real Azure Functions host (../shared/tools/functions-host or func).</summary>
    public const string FunctionsHost = "FunctionsHost";

    /// <summary>Node.js and the pinned <c>@wecom/crypto</c> (<see cref="WeComCryptoOracle"/>).</summary>
    public const string Node = "Node";

    /// <summary>Another process started by the test (<c>wecomguard</c>, bash scripts, Chromium, a host).</summary>
    public const string Process = "Process";

    public static readonly string[] All = [Azurite, Bicep, Chromium, FunctionsHost, Node, Process];
}
