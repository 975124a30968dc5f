using System.Diagnostics;
using System.Text.Json;

namespace WeComGuard.Tests.Cli;

/// <summary>
/// <c>wecomguard scan</c> as a process over a folder holding what real disks hold: an unreadable file, a symbolic link
/// loop, a linked folder, a FIFO. Every other file is still scanned, each failure is one line without a stack trace, and
/// the exit code is 2. Linux only, as the rest of the suite (mkfifo, /proc).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Needs", "Process")]
public sealed class ScanFolderHazardsTests : IDisposable
{
    private const string IdLine = "身份证号 11010519491231002X";
    private readonly string _folder = Directory.CreateTempSubdirectory("wecomguard-scan-hazards").FullName;

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(_folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static bool RunningAsRoot => Environment.UserName == "root" || RunTool("id", "-u").Trim() == "0";

    [Fact]
    public async Task Unreadable_files_loops_links_and_fifos_do_not_stop_the_scan_and_exit_2()
    {
        Write("a-first.txt", IdLine);
        var locked = Write("b-locked.txt", IdLine);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        Write("real/c-inside.txt", IdLine);
        File.CreateSymbolicLink(Path.Combine(_folder, "d-link-to-real"), Path.Combine(_folder, "real"));
        File.CreateSymbolicLink(Path.Combine(_folder, "real", "e-loop"), _folder);
        Assert.Equal(string.Empty, RunTool("mkfifo", Path.Combine(_folder, "f-fifo")));
        Write("z-last.txt", IdLine);
        // Root reads a chmod 000 file, so an unreadable regular file that fails for everyone is named too: /proc/self/mem
        // opens, but reading it at offset 0 fails with EIO.
        var second = Directory.CreateDirectory(Path.Combine(_folder, "..", Path.GetFileName(_folder) + "-second")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(second, "g-after.txt"), IdLine);

            var (exitCode, output, error) = await RunAsync(TimeSpan.FromSeconds(90), "scan", _folder, "/proc/self/mem", second, "--fingerprint-key", "k");

            Assert.Equal(2, exitCode);
            var files = FileRecords(output);
            var scanned = files.Where(f => f.Status == "scanned").Select(f => Path.GetFileName(f.Source)).Order(StringComparer.Ordinal).ToList();
            var expectedScanned = new List<string> { "a-first.txt", "c-inside.txt", "g-after.txt", "z-last.txt" };
            if (RunningAsRoot)
            {
                expectedScanned.Insert(1, "b-locked.txt");
            }
            else
            {
                Assert.Contains(error.Split('\n'), line => line.StartsWith("wecomguard scan: failed ", StringComparison.Ordinal) && line.Contains("b-locked.txt", StringComparison.Ordinal));
                Assert.Equal("failed", Assert.Single(files, f => f.Source.EndsWith("b-locked.txt", StringComparison.Ordinal)).Status);
            }

            // Each file once: the linked folder and the loop are not followed.
            Assert.Equal(expectedScanned, scanned);
            var mem = Assert.Single(files, f => f.Source == "/proc/self/mem");
            Assert.Equal("failed", mem.Status);
            Assert.Contains("cannot read the file", mem.Reason, StringComparison.Ordinal);
            Assert.Contains(error.Split('\n'), line => line.StartsWith("wecomguard scan: failed /proc/self/mem: cannot read the file", StringComparison.Ordinal));
            Assert.Contains(error.Split('\n'), line => line.Contains("f-fifo: not a regular file (FIFO)", StringComparison.Ordinal));
            Assert.Contains(error.Split('\n'), line => line.Contains("d-link-to-real: symbolic link not followed", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public async Task Follow_symlinks_enters_each_real_folder_once_and_ends_a_loop()
    {
        Write("real/c-inside.txt", IdLine);
        File.CreateSymbolicLink(Path.Combine(_folder, "d-link-to-real"), Path.Combine(_folder, "real"));
        File.CreateSymbolicLink(Path.Combine(_folder, "real", "e-loop"), _folder);
        File.CreateSymbolicLink(Path.Combine(_folder, "x-file-link.txt"), Path.Combine(_folder, "real", "c-inside.txt"));

        var (exitCode, output, error) = await RunAsync(TimeSpan.FromSeconds(90), "scan", _folder, "--follow-symlinks", "--fingerprint-key", "k");

        Assert.Equal(0, exitCode);
        var sources = FileRecords(output).Select(f => Path.GetRelativePath(_folder, f.Source)).ToList();
        // d-link-to-real sorts first, so the real folder is scanned through it; "real" itself and the loop back are not entered again.
        Assert.Equal(["d-link-to-real/c-inside.txt", "x-file-link.txt"], sources);
        Assert.Contains(error.Split('\n'), line => line.EndsWith("/real: folder already scanned (a symbolic link loop or a second link to it)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Table_output_escapes_control_and_bidi_characters_in_names_and_jsonl_escapes_them_as_json()
    {
        var name = "evil\u001b[31mred\u001b[0m\nforged line\u0085\u007f\u202Etxt.exe\u2066.txt";
        Write(name, IdLine);

        var table = await RunAsync(TimeSpan.FromSeconds(90), "scan", _folder, "--format", "table", "--fingerprint-key", "k");
        var jsonl = await RunAsync(TimeSpan.FromSeconds(90), "scan", _folder, "--fingerprint-key", "k");

        Assert.Equal((0, 0), (table.ExitCode, jsonl.ExitCode));
        foreach (var raw in new[] { '\u001b', '\u0085', '\u007f', '\u202E', '\u2066' })
        {
            Assert.DoesNotContain(raw, table.Output);
            Assert.DoesNotContain(raw, jsonl.Output);
        }

        Assert.Contains(@"evil\x1B[31mred\x1B[0m\x0Aforged line\x85\x7F\u202Etxt.exe\u2066.txt", table.Output, StringComparison.Ordinal);
        // One table row per finding plus the header and the file line: the newline did not forge a row.
        Assert.Equal(3, table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var file = Assert.Single(FileRecords(jsonl.Output));
        Assert.Equal(Path.Combine(_folder, name), file.Source);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<(string Source, string Status, string Reason)> FileRecords(string output) =>
    [
        .. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.TryGetProperty("kind", out var kind) && kind.GetString() == "file")
            .Select(line => (line.GetProperty("source").GetString()!, line.GetProperty("status").GetString()!,
                line.TryGetProperty("reason", out var reason) ? reason.GetString()! : string.Empty)),
    ];

    private static string RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan limit, params string[] args) =>
        CliProcess.RunScanAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "wecomguard.dll"), .. args], limit);
}
