namespace WeComGuard.Cli.FunctionsHost;

/// <summary>
/// Where the real Azure Functions host is: Core Tools' <c>func</c> on PATH, or a host folder (the runtime host's build
/// output, with <c>Microsoft.Azure.WebJobs.Script.WebHost.dll</c>). Found in the order scripts/lib.sh uses: <c>func</c>,
/// then <c>WECOMGUARD_FUNCTIONS_HOST</c>, then <c>../shared/tools/functions-host/bin</c> beside the repository (or beside
/// the main checkout of a git worktree).
/// </summary>
public sealed record FunctionsHostLocation(FunctionsHostKind Kind, string Path)
{
    public const string EnvironmentVariable = "WECOMGUARD_FUNCTIONS_HOST";
    public const string HostAssembly = "Microsoft.Azure.WebJobs.Script.WebHost.dll";
    private const string SharedHostFolder = "shared/tools/functions-host/bin";

    public string Description => Kind == FunctionsHostKind.CoreTools
        ? $"Azure Functions Core Tools ({Path})"
        : $"the Azure Functions host in {Path}";

    /// <summary>The host to use, or null with <paramref name="whyNot"/> saying what was looked for.</summary>
    public static FunctionsHostLocation? Find(string repositoryRoot, out string whyNot) =>
        Find(repositoryRoot, Environment.GetEnvironmentVariable, out whyNot);

    /// <summary>The host to use under the environment <paramref name="environment"/> answers (PATH and <see cref="EnvironmentVariable"/>).</summary>
    public static FunctionsHostLocation? Find(string repositoryRoot, Func<string, string?> environment, out string whyNot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        ArgumentNullException.ThrowIfNull(environment);
        whyNot = string.Empty;
        if (FindOnPath("func", environment("PATH")) is { } func)
        {
            return new FunctionsHostLocation(FunctionsHostKind.CoreTools, func);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } configured)
        {
            if (IsHostFolder(configured))
            {
                return new FunctionsHostLocation(FunctionsHostKind.HostFolder, System.IO.Path.GetFullPath(configured));
            }

            whyNot = $"{EnvironmentVariable}={configured} has no {HostAssembly}";
            return null;
        }

        var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(repositoryRoot, "..", SharedHostFolder));
        foreach (var candidate in new[] { beside, BesideMainCheckout(repositoryRoot) })
        {
            if (candidate is not null && IsHostFolder(candidate))
            {
                return new FunctionsHostLocation(FunctionsHostKind.HostFolder, candidate);
            }
        }

        whyNot = $"no func on PATH, {EnvironmentVariable} is not set and {beside} does not exist";
        return null;
    }

    /// <summary>A location given on the command line: <c>func</c> (Core Tools on PATH) or a host folder.</summary>
    public static FunctionsHostLocation Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value == "func")
        {
            return new FunctionsHostLocation(FunctionsHostKind.CoreTools, FindOnPath("func", Environment.GetEnvironmentVariable("PATH")) ?? throw new ArgumentException("func (Azure Functions Core Tools) is not on PATH.", nameof(value)));
        }

        return IsHostFolder(value)
            ? new FunctionsHostLocation(FunctionsHostKind.HostFolder, System.IO.Path.GetFullPath(value))
            : throw new ArgumentException($"{value} is not a Functions host folder (no {HostAssembly}).", nameof(value));
    }

    private static bool IsHostFolder(string folder) => File.Exists(System.IO.Path.Combine(folder, HostAssembly));

    private static string? FindOnPath(string name, string? path) =>
        (path ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, name))
            .FirstOrDefault(IsExecutableFile);

    // As the shell's `command -v`: a file that is not executable is not a command.
    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    // A worktree's .git is a file "gitdir: <main>/.git/worktrees/<name>"; the shared folder sits beside <main>.
    private static string? BesideMainCheckout(string repositoryRoot)
    {
        var dotGit = System.IO.Path.Combine(repositoryRoot, ".git");
        if (!File.Exists(dotGit))
        {
            return null;
        }

        var line = File.ReadAllText(dotGit).Trim();
        if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            return null;
        }

        var gitDir = System.IO.Path.GetFullPath(line["gitdir:".Length..].Trim(), repositoryRoot);
        var commonDirFile = System.IO.Path.Combine(gitDir, "commondir");
        var commonDir = File.Exists(commonDirFile) ? System.IO.Path.GetFullPath(File.ReadAllText(commonDirFile).Trim(), gitDir) : gitDir;
        var main = Directory.GetParent(commonDir.TrimEnd(System.IO.Path.DirectorySeparatorChar))?.FullName;
        return main is null ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(main, "..", SharedHostFolder));
    }
}

public enum FunctionsHostKind
{
    /// <summary>Azure Functions Core Tools (<c>func host start</c>).</summary>
    CoreTools,

    /// <summary>A copy of the runtime host's build output, started with <c>dotnet Microsoft.Azure.WebJobs.Script.WebHost.dll</c>.</summary>
    HostFolder,
}
