using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Records scan results: a row per file in table <c>FileScans</c> (by SHA-256, with MD5), a JSON report per file in
/// container <c>scan-reports</c>, and finding <c>file.sensitive-content</c> in table <c>Findings</c>. Only masked values
/// and fingerprints are stored. Every write is an upsert keyed by the file's hash, so a redelivered message changes nothing.
/// </summary>
public sealed class ScanResultStore(StorageClients storage, TimeProvider time)
{
    public const string SensitiveContentRule = "file.sensitive-content";
    public const string FileRowKey = "file";
    private const string Handbook = "§3.1.3, §4.1.4";
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The FileScans partition key of a file: its SHA-256, or for a file that could not be read, "unread-" + SHA-256 of its name.</summary>
    public static string FileKey(FileScanResult result, ScanSubject subject)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(subject);
        return string.IsNullOrEmpty(result.Sha256)
            ? "unread-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject.Display)))
            : result.Sha256;
    }

    public static string ReportBlobName(string fileKey) => fileKey + ".json";

    /// <summary>FileScans column the file-transfer audit filters on (<c>TableSensitiveFileIndex</c>): sensitive, clean, partial or not-scanned.</summary>
    public const string VerdictColumn = "Verdict";

    public static string Verdict(FileScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict;
    }

    public async Task RecordAsync(FileScanResult result, ScanSubject subject, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrEmpty(runId);

        var now = time.GetUtcNow();
        var key = FileKey(result, subject);
        var reportName = ReportBlobName(key);
        var report = storage.Container(StorageNames.ScanReportsContainer).GetBlobClient(reportName);
        await report.UploadAsync(new BinaryData(Report(result, subject, runId, now)), overwrite: true, cancellationToken).ConfigureAwait(false);

        var counts = JsonSerializer.Serialize(result.CountsAtOrAbove(FindingConfidence.Low));
        var row = new TableEntity(key, FileRowKey)
        {
            ["Md5"] = result.Md5,
            ["Size"] = result.Size,
            ["Type"] = result.Type,
            ["Status"] = StatusName(result.Status),
            ["Reason"] = result.Reason,
            ["Sensitive"] = result.IsSensitive,
            [VerdictColumn] = Verdict(result),
            ["HighestConfidence"] = result.HighestConfidence?.ToString().ToLowerInvariant(),
            ["Counts"] = counts,
            ["Source"] = subject.Display,
            ["Sender"] = Metadata(subject, "sender"),
            ["ChatId"] = Metadata(subject, "chatid"),
            ["MsgTime"] = Metadata(subject, "msgtime"),
            ["ReportBlob"] = StorageNames.ScanReportsContainer + "/" + reportName,
            ["LastScanned"] = now,
            ["LastRunId"] = runId,
        };
        await storage.Table(StorageNames.FileScansTable).UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        await RecordFindingAsync(result, subject, key, reportName, runId, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordFindingAsync(FileScanResult result, ScanSubject subject, string key, string reportName, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var findings = storage.Table(StorageNames.FindingsTable);
        var existing = await findings.GetEntityIfExistsAsync<TableEntity>(SensitiveContentRule, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.IsSensitive)
        {
            // Only a file read in full resolves: a partial or unread scan (time limit, memory budget, a member not read)
            // has not shown that the sensitive content is gone.
            if (Verdict(result) == "clean" && existing.HasValue && existing.Value is { } open && open.GetString(FindingEntityColumns.Status) == FindingEntityColumns.StatusOpen)
            {
                open[FindingEntityColumns.Status] = FindingEntityColumns.StatusResolved;
                open[FindingEntityColumns.ResolvedAt] = now;
                open[FindingEntityColumns.ResolvedRunId] = runId;
                open[FindingEntityColumns.LastRunId] = runId;
                await findings.UpdateEntityAsync(open, open.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var details = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sha256"] = result.Sha256,
            ["md5"] = result.Md5,
            ["source"] = subject.Display,
            ["type"] = result.Type,
            ["counts"] = result.CountsAtOrAbove(FindingConfidence.Low),
            ["highestConfidence"] = result.HighestConfidence?.ToString().ToLowerInvariant(),
            ["report"] = StorageNames.ScanReportsContainer + "/" + reportName,
        });
        var severity = result.HighestConfidence == FindingConfidence.High ? "high" : "medium";
        // FirstSeen is kept while the finding stays open; a resolved finding seen again starts anew (as the audits do).
        var firstSeen = existing.HasValue && existing.Value!.GetString(FindingEntityColumns.Status) == FindingEntityColumns.StatusOpen
            && existing.Value.GetDateTimeOffset(FindingEntityColumns.FirstSeen) is { } seen ? seen : now;
        var entity = new TableEntity(SensitiveContentRule, key)
        {
            [FindingEntityColumns.Rule] = SensitiveContentRule,
            [FindingEntityColumns.Subject] = key,
            [FindingEntityColumns.Severity] = severity,
            [FindingEntityColumns.Handbook] = Handbook,
            [FindingEntityColumns.Title] = "文件含敏感信息 (Transferred file contains sensitive data): " + Path.GetFileName(subject.Name),
            [FindingEntityColumns.Details] = details,
            [FindingEntityColumns.FirstSeen] = firstSeen,
            [FindingEntityColumns.LastSeen] = now,
            [FindingEntityColumns.Status] = FindingEntityColumns.StatusOpen,
            [FindingEntityColumns.LastRunId] = runId,
        };
        await findings.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string? Metadata(ScanSubject subject, string name) =>
        subject.Metadata is not null && subject.Metadata.TryGetValue(name, out var value) ? value : null;

    private static string StatusName(FileScanStatus status) => FileScanStatusNames.Name(status);

    private static byte[] Report(FileScanResult result, ScanSubject subject, string runId, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("source", subject.Display);
            writer.WriteString("scannedAt", now);
            writer.WriteString("runId", runId);
            WriteFile(writer, result);
            writer.WriteBoolean("sensitive", result.IsSensitive);
            writer.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("source", finding.Source);
                writer.WriteString("detector", finding.DetectorId);
                writer.WriteString("confidence", finding.Confidence.ToString().ToLowerInvariant());
                writer.WriteString("masked", finding.Masked);
                writer.WriteString("fingerprint", finding.Fingerprint);
                writer.WriteString("location", finding.Location);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();

            // Past Scanning__MaxFindingsPerFile the findings are only counted: the report says how many were not listed.
            writer.WriteStartArray("findingsNotListed");
            foreach (var tally in result.FindingsNotListed)
            {
                writer.WriteStartObject();
                writer.WriteString("detector", tally.DetectorId);
                writer.WriteString("confidence", tally.Confidence.ToString().ToLowerInvariant());
                writer.WriteNumber("count", tally.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("members");
            WriteMembers(writer, result.Members);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteFile(Utf8JsonWriter writer, FileScanResult result)
    {
        writer.WriteString("sha256", result.Sha256);
        writer.WriteString("md5", result.Md5);
        writer.WriteNumber("size", result.Size);
        writer.WriteString("type", result.Type);
        writer.WriteString("status", StatusName(result.Status));
        if (result.Reason is not null)
        {
            writer.WriteString("reason", result.Reason);
        }

        writer.WriteStartObject("counts");
        foreach (var (detector, count) in result.CountsAtOrAbove(FindingConfidence.Low))
        {
            writer.WriteNumber(detector, count);
        }

        writer.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter writer, IReadOnlyList<FileScanResult> members)
    {
        foreach (var member in members)
        {
            writer.WriteStartObject();
            writer.WriteString("source", member.Source);
            WriteFile(writer, member);
            writer.WriteEndObject();
            WriteMembers(writer, member.Members);
        }
    }
}
