namespace WeComGuard.Core.DirectoryMirror;

/// <summary>Tuning for the full directory sync (section <c>DirectorySync</c>); the defaults suit WeCom's 10,000 calls/min per API.</summary>
public sealed class DirectorySyncOptions
{
    public const string SectionName = "DirectorySync";

    /// <summary>Concurrent department/get, user/list and groupchat/get calls (the rate limiter paces them).</summary>
    public int ApiParallelism { get; set; } = 16;
}
