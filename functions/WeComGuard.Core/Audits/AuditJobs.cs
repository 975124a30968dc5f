using WeComGuard.Core.Audits.Runs;

namespace WeComGuard.Core.Audits;

/// <summary>What the three audit jobs share.</summary>
internal static class AuditJobs
{
    public static void ThrowIfFailed(AuditRunResult result)
    {
        if (result.Status == AuditRunStatus.Failed)
        {
            throw new AuditRunFailedException($"Audit {result.Audit} run {result.RunId} failed: {result.Error}");
        }
    }
}
