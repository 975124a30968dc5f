using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs.Models;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Evidence;

/// <summary>
/// Keeps evidence in container <c>audit-reports</c>, whose immutability policy (Bicep parameter
/// <c>auditReportRetentionDays</c>, default 400 days) makes each page undeletable and unchangeable for that long. Pages
/// are created with If-None-Match: *; a day whose first page exists was kept by an earlier run and is not written again.
/// </summary>
public sealed class BlobAuditEvidenceArchive : IAuditEvidenceArchive
{
    public const string Prefix = "evidence/";
    public const int RecordsPerPage = 1000;

    private readonly StorageClients _storage;

    public BlobAuditEvidenceArchive(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    public static string DayPrefix(string log, DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{log}/{day:yyyy}/{day:MM}/{day:dd}/");

    public async Task<int> KeepAsync(string log, IReadOnlyList<EvidenceRecord> records, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(log);
        ArgumentNullException.ThrowIfNull(records);
        var container = _storage.Container(StorageNames.AuditReportsContainer);
        var byDay = records.GroupBy(record => ChinaTime.DateOf(record.Time)).ToDictionary(group => group.Key, group => group.OrderBy(r => r.Time).ToList());
        var written = 0;
        foreach (var day in WholeDays(since, until))
        {
            var dayRecords = byDay.GetValueOrDefault(day) ?? [];
            // An empty day gets an empty page: the log was read for that day and had nothing.
            var pages = Math.Max(1, (dayRecords.Count + RecordsPerPage - 1) / RecordsPerPage);
            for (var page = 0; page < pages; page++)
            {
                var content = new StringBuilder();
                foreach (var record in dayRecords.Skip(page * RecordsPerPage).Take(RecordsPerPage))
                {
                    content.Append(record.Json.ToJsonString()).Append('\n');
                }

                var options = new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                };
                try
                {
                    await container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{DayPrefix(log, day)}page-{page:D4}.jsonl"))
                        .UploadAsync(BinaryData.FromString(content.ToString()), options, cancellationToken).ConfigureAwait(false);
                    written++;
                }
                catch (RequestFailedException error) when (error.Status == 409)
                {
                    // Kept by an earlier (or retried) run: write-once, never overwritten.
                }
            }
        }

        return written;
    }

    public async Task<EvidenceRead> ReadAsync(string log, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(log);
        var container = _storage.Container(StorageNames.AuditReportsContainer);
        var records = new List<EvidenceRecord>();
        var missing = new List<DateOnly>();
        for (var day = ChinaTime.DateOf(since); ChinaTime.StartOf(day) < until; day = day.AddDays(1))
        {
            var pages = 0;
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = DayPrefix(log, day) }, cancellationToken).ConfigureAwait(false))
            {
                pages++;
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                foreach (var line in content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var json = JsonNode.Parse(line) as JsonObject ?? throw new JsonException($"Evidence page '{blob.Name}' holds a line that is not a JSON object.");
                    var time = DateTimeOffset.FromUnixTimeSeconds((long?)json["time"] ?? 0);
                    if (time >= since && time < until)
                    {
                        records.Add(new EvidenceRecord(time, json));
                    }
                }
            }

            if (pages == 0)
            {
                missing.Add(day);
            }
        }

        return new EvidenceRead(records, missing);
    }

    // China days D with since <= start(D) and start(D + 1) <= until.
    private static IEnumerable<DateOnly> WholeDays(DateTimeOffset since, DateTimeOffset until)
    {
        var day = ChinaTime.DateOf(since);
        if (ChinaTime.StartOf(day) < since)
        {
            day = day.AddDays(1);
        }

        for (; ChinaTime.StartOf(day.AddDays(1)) <= until; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
