using System.Text.Json;

namespace WeComGuard.Tests.Cli;

/// <summary>Runs the built <c>wecomguard</c> (copied next to the tests) as a process, as the security team would.</summary>
[Trait("Needs", "Process")]
public sealed class ScanCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wecomguard-scan-cli").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliProcess.RunScanAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "wecomguard.dll"), .. args], TimeSpan.FromMinutes(2));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Jsonl_has_one_object_per_finding_and_one_per_file()
    {
        Write("hr/roster.csv", "姓名,身份证号,手机\n张三,11010519491231002X,13812345678\n");
        Write("notes.txt", "nothing to see");

        var (exitCode, output, _) = await RunAsync("scan", _folder, "--fingerprint-key", "k1");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var id = lines.Single(l => l.TryGetProperty("detector", out var d) && d.GetString() == "cn-resident-id");
        Assert.Equal("110105********002X", id.GetProperty("masked").GetString());
        Assert.Equal("high", id.GetProperty("confidence").GetString());
        Assert.Equal("line 2", id.GetProperty("location").GetString());
        Assert.Equal(64, id.GetProperty("fingerprint").GetString()!.Length);
        var files = lines.Where(l => l.TryGetProperty("kind", out var k) && k.GetString() == "file").ToList();
        Assert.Equal(2, files.Count);
        var roster = files.Single(f => f.GetProperty("source").GetString()!.EndsWith("roster.csv", StringComparison.Ordinal));
        Assert.Equal(1, roster.GetProperty("counts").GetProperty("cn-mobile").GetInt32());
        Assert.Equal("scanned", roster.GetProperty("status").GetString());
        Assert.DoesNotContain("13812345678", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_findings_exits_1_only_for_findings_at_the_minimum_confidence()
    {
        var path = Write("call.txt", "请回电 13812345678");

        Assert.Equal(1, (await RunAsync("scan", path, "--fail-on-findings", "--fingerprint-key", "k")).ExitCode);
        var medium = await RunAsync("scan", path, "--fail-on-findings", "--min-confidence", "medium", "--format", "table", "--fingerprint-key", "k");
        Assert.Equal(0, medium.ExitCode);
        Assert.Contains("0 finding(s)", medium.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--min-confidence", "certain")]
    [InlineData("--no-such-option", "x")]
    public async Task Usage_errors_exit_2_with_a_message(string option, string value)
    {
        var path = Write("a.txt", "x");

        var (exitCode, _, error) = await RunAsync("scan", path, option, value);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("wecomguard scan:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_fails_or_does_not_exist_exits_2()
    {
        var broken = Path.Combine(_folder, "broken.docx");
        await File.WriteAllBytesAsync(broken, [.. "PK\u0003\u0004"u8, .. new byte[64]]);

        Assert.Equal(2, (await RunAsync("scan", broken, "--fingerprint-key", "k")).ExitCode);
        Assert.Equal(2, (await RunAsync("scan", Path.Combine(_folder, "missing.txt"), "--fingerprint-key", "k")).ExitCode);
    }
}
