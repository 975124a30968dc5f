using WeComGuard.Core.Audits.Runs;

namespace WeComGuard.Core.Audits;

/// <summary>What the three audit jobs share.</summary>
internal static class AuditJobs
{
    /// <summary>The outcome, made partial when its input is known to be incomplete (it then resolves nothing).</summary>
    public static AuditOutcome Incomplete(AuditOutcome outcome, string? reason) =>
        reason is null ? outcome : outcome with { IncompleteReasons = [.. outcome.IncompleteReasons, reason] };

    public static void ThrowIfFailed(AuditRunResult result)
    {
        if (result.Status == AuditRunStatus.Failed)
        {
            throw new AuditRunFailedException($"Audit {result.Audit} run {result.RunId} failed: {result.Error}");
        }
    }
}
