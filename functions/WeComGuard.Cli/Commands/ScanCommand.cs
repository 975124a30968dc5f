using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// <c>wecomguard scan PATH... [--format jsonl|table] [--min-confidence low|medium|high] [--fingerprint-key K] [--fail-on-findings]</c>.
/// Exit codes: 0 the scan ran, 1 findings with --fail-on-findings, 2 usage errors or files that failed.
/// </summary>
internal static class ScanCommand
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitUsageOrFailure = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files and folders to scan (folders recursively).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl (one object per finding and per file) or table.",
            DefaultValueFactory = _ => "jsonl",
        };
        var minConfidence = new Option<string>("--min-confidence")
        {
            Description = "Report findings at or above low, medium or high.",
            DefaultValueFactory = _ => "low",
        };
        var fingerprintKey = new Option<string?>("--fingerprint-key")
        {
            Description = $"HMAC key for fingerprints (default: the {SettingNames.ScanningFingerprintKey} environment variable; otherwise a key for this run only).",
        };
        var failOnFindings = new Option<bool>("--fail-on-findings")
        {
            Description = "Exit 1 when anything at or above --min-confidence is found.",
        };

        var command = new Command("scan", "Scan files for sensitive data (IDs, mobiles, bank cards, USCC, emails, credentials, passports, permits, passwords, classification marks).")
        {
            paths, format, minConfidence, fingerprintKey, failOnFindings,
        };

        // Usage errors are reported by the action so that they exit 2, as the scan contract says (not the parser's 1).
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var pathValues = parseResult.GetValue(paths) ?? [];
            var unknownOptions = parseResult.UnmatchedTokens.Concat(pathValues.Where(p => p.StartsWith("--", StringComparison.Ordinal))).ToList();
            var error = pathValues.Length == 0 ? "at least one PATH is required"
                : unknownOptions.Count > 0 ? "unrecognized option(s): " + string.Join(' ', unknownOptions)
                : parseResult.UnmatchedTokens.Count > 0 ? "unrecognized argument(s): " + string.Join(' ', parseResult.UnmatchedTokens)
                : parseResult.Errors.Count > 0 ? string.Join("; ", parseResult.Errors.Select(e => e.Message))
                : null;
            var formatValue = parseResult.GetValue(format) ?? "jsonl";
            if (error is null && formatValue is not ("jsonl" or "table"))
            {
                error = $"--format must be jsonl or table, not '{formatValue}'";
            }

            FindingConfidence minimum = default;
            if (error is null && !TryParseConfidence(parseResult.GetValue(minConfidence), out minimum))
            {
                error = "--min-confidence must be low, medium or high";
            }

            if (error is not null)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("wecomguard scan: " + error).ConfigureAwait(false);
                return ExitUsageOrFailure;
            }

            var key = parseResult.GetValue(fingerprintKey) ?? Environment.GetEnvironmentVariable(SettingNames.ScanningFingerprintKey);
            if (string.IsNullOrEmpty(key))
            {
                key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"wecomguard scan: no --fingerprint-key or {SettingNames.ScanningFingerprintKey}; fingerprints are comparable within this run only.").ConfigureAwait(false);
            }

            // The same limits as the function app, from the same settings in the environment (Scanning__MaxFileBytes, …).
            var options = ScanningServiceCollectionExtensions.ReadOptions(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            options.FingerprintKey = key;
            var scanner = new FileScanner(options);
            await using var output = new ScanOutputWriter(Console.OpenStandardOutput(), formatValue == "table", minimum);
            var exitCode = ExitOk;
            foreach (var path in pathValues)
            {
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"wecomguard scan: no such file or folder: {path}").ConfigureAwait(false);
                    exitCode = ExitUsageOrFailure;
                    continue;
                }

                foreach (var file in Files(path))
                {
                    var result = await scanner.ScanFileAsync(file, cancellationToken).ConfigureAwait(false);
                    await output.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                    if (result.HasFailures)
                    {
                        exitCode = ExitUsageOrFailure;
                    }
                    else if (exitCode == ExitOk && parseResult.GetValue(failOnFindings) && result.Findings.Any(f => f.Confidence >= minimum))
                    {
                        exitCode = ExitFindings;
                    }
                }
            }

            return exitCode;
        });
        return command;
    }

    private static IEnumerable<string> Files(string path) =>
        File.Exists(path)
            ? [path]
            : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static bool TryParseConfidence(string? value, out FindingConfidence confidence)
    {
        confidence = value switch
        {
            "low" => FindingConfidence.Low,
            "medium" => FindingConfidence.Medium,
            "high" => FindingConfidence.High,
            _ => default,
        };
        return confidence != default;
    }
}
