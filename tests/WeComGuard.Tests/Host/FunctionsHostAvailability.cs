using WeComGuard.Cli.FunctionsHost;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Host;

/// <summary>
/// The real Functions host for the conformance suite, found as scripts/lib.sh finds it (test.sh exports the folder in
/// <c>WECOMGUARD_FUNCTIONS_HOST</c>). Without one the suite is skipped with the reason, except in CI (<c>CI=true</c>),
/// which has a host: there the suite runs and fails on the missing host.
/// </summary>
public static class FunctionsHostAvailability
{
    private static readonly Lazy<(FunctionsHostLocation? Location, string WhyNot)> Found = new(() =>
    {
        var location = FunctionsHostLocation.Find(RepoPaths.Root, out var whyNot);
        return (location, whyNot);
    });

    public static FunctionsHostLocation? Location => Found.Value.Location;

    public static string WhyNot => Found.Value.WhyNot;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the suite does not run here; null when it runs (a host is found, or this is CI).</summary>
    public static string? SkipReason => Location is null && !IsCi
        ? $"The Functions host conformance suite did not run: {WhyNot} (set {FunctionsHostLocation.EnvironmentVariable} to a host folder)."
        : null;

    public static FunctionsHostLocation Require() => Location
        ?? throw new InvalidOperationException($"No Functions host: {WhyNot}. CI must run the host conformance suite; set {FunctionsHostLocation.EnvironmentVariable} to a host folder.");
}
