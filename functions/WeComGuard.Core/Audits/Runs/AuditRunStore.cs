using Azure.Data.Tables;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Audits.Runs;

/// <summary>Table <c>AuditRuns</c>: one row per run, written when it starts (status running) and replaced when it ends.</summary>
public sealed class AuditRunStore
{
    private readonly TableClient _table;

    public AuditRunStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.AuditRunsTable);
    }

    public Task WriteAsync(AuditRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entity = new TableEntity(run.Audit, run.RunId)
        {
            ["RunId"] = run.RunId,
            ["Audit"] = run.Audit,
            ["Started"] = run.Started,
            ["Finished"] = run.Finished,
            ["Status"] = StatusName(run.Status),
            ["FindingCount"] = run.FindingCount,
            ["NewCount"] = run.NewCount,
            ["ResolvedCount"] = run.ResolvedCount,
            ["CountsByRule"] = run.CountsByRule,
            ["ReportPath"] = run.ReportPath,
            ["Error"] = run.Error,
            ["WaivedCount"] = run.WaivedCount,
        };
        return _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<AuditRunRecord?> GetAsync(string audit, string runId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(audit, runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return From(entity);
    }

    /// <summary>Every run of every audit (the index page lists them all).</summary>
    public async Task<IReadOnlyList<AuditRunRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = new List<AuditRunRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(From(entity));
        }

        return runs;
    }

    private static AuditRunRecord From(TableEntity entity) =>
        new AuditRunRecord(
            entity.RowKey,
            entity.PartitionKey,
            entity.GetDateTimeOffset("Started") ?? default,
            entity.GetDateTimeOffset("Finished"),
            ParseStatus(entity.GetString("Status")),
            entity.GetInt32("FindingCount") ?? 0,
            entity.GetInt32("NewCount") ?? 0,
            entity.GetInt32("ResolvedCount") ?? 0,
            entity.GetString("CountsByRule"),
            entity.GetString("ReportPath"),
            entity.GetString("Error"))
        {
            WaivedCount = entity.GetInt32("WaivedCount"),
        };

    public static string StatusName(AuditRunStatus status) => status switch
    {
        AuditRunStatus.Succeeded => "succeeded",
        AuditRunStatus.Partial => "partial",
        AuditRunStatus.Failed => "failed",
        _ => "running",
    };

    private static AuditRunStatus ParseStatus(string? status) => status switch
    {
        "succeeded" => AuditRunStatus.Succeeded,
        "partial" => AuditRunStatus.Partial,
        "failed" => AuditRunStatus.Failed,
        _ => AuditRunStatus.Running,
    };
}
