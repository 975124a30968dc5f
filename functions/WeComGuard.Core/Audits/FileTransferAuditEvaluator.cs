using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates file.sensitive-shared-externally over the last <see cref="AuditOptions.FileTransferLookbackDays"/> days of
/// file operation records, keeping only records that leave the corp with a file the scanner judged sensitive.
/// </summary>
public static class FileTransferAuditEvaluator
{
    public static async Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source, ISensitiveFileIndex sensitiveFiles, AuditOptions options, AuditClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sensitiveFiles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var sensitive = await sensitiveFiles.GetSensitiveMd5sAsync(cancellationToken).ConfigureAwait(false);
        var incomplete = new List<string>();
        var kept = new List<FileOperRecord>();
        var total = 0;
        string? unavailable = null;
        try
        {
            var since = clock.AsOf.AddDays(-options.FileTransferLookbackDays);
            await foreach (var record in source.GetFileOperRecordsAsync(since, clock.AsOf, cancellationToken).ConfigureAwait(false))
            {
                total++;
                if (record.LeavesTheCorp && sensitive.Contains(record.FileMd5.ToLowerInvariant()))
                {
                    kept.Add(record);
                }
            }
        }
        catch (AuditDataIncompleteException error)
        {
            incomplete.Add($"the file operation records could not be read completely: {error.Message}");
        }
        catch (AuditInputUnavailableException error)
        {
            unavailable = $"the file operation records are not available: {error.Message}";
        }

        return new AuditOutcome(
            SensitiveSharedExternallyRule.Evaluate(kept, sensitive),
            unavailable is null ? [AuditRuleCatalog.FileSensitiveSharedExternally.Id] : [],
            incomplete,
            [],
            new Dictionary<string, int> { ["fileRecords"] = total, ["sensitiveFiles"] = sensitive.Count })
        {
            SkippedRules = unavailable is null ? [] : [new AuditSkippedRule(AuditRuleCatalog.FileSensitiveSharedExternally.Id, unavailable)],
        };
    }
}
