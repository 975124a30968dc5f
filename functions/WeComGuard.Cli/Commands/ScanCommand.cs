using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// <c>wecomguard scan PATH... [--format jsonl|table] [--min-confidence low|medium|high] [--fingerprint-key K] [--fail-on-findings] [--follow-symlinks]</c>.
/// Exit codes: 0 the scan ran, 1 findings with --fail-on-findings, 2 usage errors or files that failed (each one is
/// reported and the rest are still scanned).
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

        var followSymlinks = new Option<bool>("--follow-symlinks")
        {
            Description = "Follow symbolic links inside folders (each real folder is scanned once, so loops end). Links named as PATH are always followed.",
        };

        var command = new Command("scan", "Scan files for sensitive data (IDs, mobiles, bank cards, USCC, emails, credentials, passports, permits, passwords, classification marks).")
        {
            paths, format, minConfidence, fingerprintKey, failOnFindings, followSymlinks,
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

            // The limits (Scanning__MaxMemoryBytes, Scanning__TimeLimitSeconds, …) come from the environment, read and
            // checked as the app reads its settings; the key is the one chosen above.
            ScanningOptions options;
            try
            {
                options = new ConfigurationBuilder()
                    .AddEnvironmentVariables()
                    .AddInMemoryCollection([KeyValuePair.Create(ConfigurationPath.Combine(ScanningOptions.SectionName, nameof(ScanningOptions.FingerprintKey)), (string?)key)])
                    .Build()
                    .ResolveValidatedOptions<ScanningOptions>(ScanningServiceCollectionExtensions.AddScanningOptions);
            }
            catch (Exception invalid) when (invalid is OptionsValidationException or InvalidOperationException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("wecomguard scan: " + invalid.Message).ConfigureAwait(false);
                return ExitUsageOrFailure;
            }

            var scanner = new FileScanner(options);
            await using var output = new ScanOutputWriter(Console.OpenStandardOutput(), formatValue == "table", minimum);
            var exitCode = ExitOk;
            var errors = parseResult.InvocationConfiguration.Error;
            var walker = new ScanTargetWalker(parseResult.GetValue(followSymlinks));
            foreach (var target in pathValues.SelectMany(walker.Walk))
            {
                if (target.Kind == ScanTargetKind.Skipped)
                {
                    await errors.WriteLineAsync($"wecomguard scan: skipped {TerminalText.Escape(target.Path)}: {target.Reason}").ConfigureAwait(false);
                    continue;
                }

                FileScanResult result;
                try
                {
                    result = target.Kind == ScanTargetKind.File
                        ? await scanner.ScanFileAsync(target.Path, cancellationToken).ConfigureAwait(false)
                        : FileScanResult.Unread(target.Path, target.Reason!);
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Opening or reading failed (permissions, I/O error): this file is failed, the others are still scanned.
                    result = FileScanResult.Unread(target.Path, $"cannot read the file: {failure.Message}");
                }

                if (result.Status == FileScanStatus.Failed && result.Sha256.Length == 0)
                {
                    await errors.WriteLineAsync($"wecomguard scan: failed {TerminalText.Escape(target.Path)}: {TerminalText.Escape(result.Reason ?? string.Empty)}").ConfigureAwait(false);
                }

                await output.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                if (result.HasFailures)
                {
                    exitCode = ExitUsageOrFailure;
                }
                else if (exitCode == ExitOk && parseResult.GetValue(failOnFindings) && result.CountsAtOrAbove(minimum).Count > 0)
                {
                    exitCode = ExitFindings;
                }
            }

            return exitCode;
        });
        return command;
    }

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
