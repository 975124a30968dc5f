using System.Diagnostics;
using WeComGuard.Cli.FunctionsHost;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Host;

/// <summary>
/// The Functions host is found twice: by scripts/lib.sh (<c>find_functions_host</c>, for test.sh and run-local.sh) and by
/// <see cref="FunctionsHostLocation.Find(string, Func{string, string?}, out string)"/> (for the tests and the CLI). Each
/// case lays out a scratch repository, runs the real lib.sh under bash with only the given environment, and checks that
/// both find the same host in the documented order: <c>func</c> on PATH, then <c>WECOMGUARD_FUNCTIONS_HOST</c>, then
/// <c>../shared/tools/functions-host/bin</c> beside the repository, then beside a worktree's main checkout.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Needs", "Process")]
public sealed class FunctionsHostDiscoveryTests : IDisposable
{
    private readonly string _root = RepoPaths.CreateScratchDirectory("host-discovery");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder; test.sh removes what is left.
        }
    }

    [Fact]
    public async Task Func_on_PATH_comes_first_even_with_a_configured_folder_and_a_shared_host()
    {
        var repo = Repository("repo");
        var shared = HostFolder("shared/tools/functions-host/bin");
        var configured = HostFolder("configured");
        var func = Executable("bin/func");

        var found = await BothFindAsync(repo, Path.GetDirectoryName(func), configured);

        Assert.Equal(("func", func), found.Shell);
        Assert.Equal(new FunctionsHostLocation(FunctionsHostKind.CoreTools, func), found.Code);
        Assert.NotEqual(shared, found.Code!.Path);
    }

    [Fact]
    public async Task A_func_that_is_not_executable_is_not_a_command_and_the_configured_folder_is_used()
    {
        var repo = Repository("repo");
        var configured = HostFolder("configured");
        var func = Path.Combine(_root, "bin", "func");
        Directory.CreateDirectory(Path.GetDirectoryName(func)!);
        await File.WriteAllTextAsync(func, "#!/bin/sh\n");

        var found = await BothFindAsync(repo, Path.GetDirectoryName(func), configured);

        Assert.Equal(("folder", configured), found.Shell);
        Assert.Equal(new FunctionsHostLocation(FunctionsHostKind.HostFolder, configured), found.Code);
    }

    [Fact]
    public async Task The_configured_folder_comes_before_the_shared_host()
    {
        var repo = Repository("repo");
        HostFolder("shared/tools/functions-host/bin");
        var configured = HostFolder("configured");

        var found = await BothFindAsync(repo, extraPath: null, configured);

        Assert.Equal(("folder", configured), found.Shell);
        Assert.Equal(new FunctionsHostLocation(FunctionsHostKind.HostFolder, configured), found.Code);
    }

    [Fact]
    public async Task A_configured_folder_without_the_host_is_an_error_not_a_fall_back_to_the_shared_host()
    {
        var repo = Repository("repo");
        HostFolder("shared/tools/functions-host/bin");
        var notAHost = Path.Combine(_root, "not-a-host");
        Directory.CreateDirectory(notAHost);

        var found = await BothFindAsync(repo, extraPath: null, notAHost);

        Assert.Null(found.Code);
        Assert.Equal("missing", found.Shell.Kind);
        var expected = $"WECOMGUARD_FUNCTIONS_HOST={notAHost} has no {FunctionsHostLocation.HostAssembly}";
        Assert.Equal(expected, found.Shell.Detail);
        Assert.Equal(expected, found.WhyNot);
    }

    [Fact]
    public async Task The_shared_host_beside_the_repository_is_found_without_settings()
    {
        var repo = Repository("repo");
        var shared = HostFolder("shared/tools/functions-host/bin");

        var found = await BothFindAsync(repo, extraPath: null, configured: null);

        Assert.Equal(("folder", shared), found.Shell);
        Assert.Equal(new FunctionsHostLocation(FunctionsHostKind.HostFolder, shared), found.Code);
    }

    [Fact]
    public async Task A_worktree_elsewhere_finds_the_shared_host_beside_its_main_checkout()
    {
        var main = Repository("repo");
        var shared = HostFolder("shared/tools/functions-host/bin");
        await RunAsync("git", main, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "start");
        var worktree = Path.Combine(_root, "elsewhere", "wt");
        await RunAsync("git", main, "worktree", "add", "-q", worktree);
        CopyLibSh(worktree);

        var found = await BothFindAsync(worktree, extraPath: null, configured: null);

        Assert.Equal(("folder", shared), found.Shell);
        Assert.Equal(new FunctionsHostLocation(FunctionsHostKind.HostFolder, shared), found.Code);
    }

    [Fact]
    public async Task Nothing_found_says_what_was_looked_for()
    {
        var repo = Repository("repo");

        var found = await BothFindAsync(repo, extraPath: null, configured: null);

        Assert.Null(found.Code);
        Assert.Equal("missing", found.Shell.Kind);
        Assert.StartsWith("no func on PATH, WECOMGUARD_FUNCTIONS_HOST is not set and ", found.Shell.Detail, StringComparison.Ordinal);
        Assert.StartsWith("no func on PATH, WECOMGUARD_FUNCTIONS_HOST is not set and ", found.WhyNot, StringComparison.Ordinal);
        Assert.EndsWith("/shared/tools/functions-host/bin does not exist", found.Shell.Detail, StringComparison.Ordinal);
        Assert.Equal(
            Path.GetFullPath(Path.Combine(repo, "..", "shared/tools/functions-host/bin")),
            found.WhyNot["no func on PATH, WECOMGUARD_FUNCTIONS_HOST is not set and ".Length..^" does not exist".Length]);
    }

    private sealed record Discovery((string Kind, string Detail) Shell, FunctionsHostLocation? Code, string WhyNot);

    private async Task<Discovery> BothFindAsync(string repo, string? extraPath, string? configured)
    {
        var path = extraPath is null ? "/usr/bin:/bin" : $"{extraPath}:/usr/bin:/bin";
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["PATH"] = path, ["HOME"] = _root };
        if (configured is not null)
        {
            environment[FunctionsHostLocation.EnvironmentVariable] = configured;
        }

        var script = """
            source "$1/scripts/lib.sh"
            if find_functions_host; then printf 'found|%s|%s' "$FUNCTIONS_HOST_KIND" "$FUNCTIONS_HOST"; else printf 'missing|%s' "$FUNCTIONS_HOST_MISSING"; fi
            """;
        var output = await RunAsync("/bin/bash", repo, environment, "-c", script, "bash", repo);
        var parts = output.Split('|');
        (string, string) shell = parts[0] == "found" ? (parts[1], parts[2]) : ("missing", parts[1]);

        var code = FunctionsHostLocation.Find(repo, name => environment.GetValueOrDefault(name), out var whyNot);
        return new Discovery(shell, code, whyNot);
    }

    private string Repository(string name)
    {
        var repo = Path.Combine(_root, name);
        Directory.CreateDirectory(repo);
        RunAsync("git", repo, "init", "-q").GetAwaiter().GetResult();
        File.WriteAllText(Path.Combine(repo, "Functions.sln"), string.Empty);
        CopyLibSh(repo);
        return repo;
    }

    private static void CopyLibSh(string repo)
    {
        Directory.CreateDirectory(Path.Combine(repo, "scripts"));
        File.Copy(Path.Combine(RepoPaths.Root, "scripts", "lib.sh"), Path.Combine(repo, "scripts", "lib.sh"), overwrite: true);
    }

    private string HostFolder(string relative)
    {
        var folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FunctionsHostLocation.HostAssembly), string.Empty);
        return folder;
    }

    private string Executable(string relative)
    {
        var file = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return file;
    }

    private static Task<string> RunAsync(string program, string workingDirectory, params string[] arguments) =>
        RunAsync(program, workingDirectory, environment: null, arguments);

    private static async Task<string> RunAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
