namespace WeComGuard.Tests.Infrastructure;

/// <summary>Locations in the repository, found by walking up from the test binaries to Functions.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string NodeTools =>
        Environment.GetEnvironmentVariable("WECOMGUARD_NODE_TOOLS") is { Length: > 0 } fromScript
            ? fromScript
            : Path.Combine(Root, "tools", "node");

    /// <summary>A scratch folder for this test run; test.sh removes it (and stops any Azurite left in it) on exit.</summary>
    public static string CreateScratchDirectory(string prefix)
    {
        var parent = Environment.GetEnvironmentVariable("WECOMGUARD_TEST_WORK") is { Length: > 0 } work ? work : Path.GetTempPath();
        var path = Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
