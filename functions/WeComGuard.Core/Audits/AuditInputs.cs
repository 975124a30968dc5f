namespace WeComGuard.Core.Audits;

/// <summary>Helpers for audit data sources.</summary>
internal static class AuditInputs
{
    /// <summary>A listing that fails, when enumerated, with <see cref="AuditInputUnavailableException"/>: the rules needing it are skipped.</summary>
    public static async IAsyncEnumerable<T> Unavailable<T>(string reason)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        throw new AuditInputUnavailableException(reason);
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }
}
