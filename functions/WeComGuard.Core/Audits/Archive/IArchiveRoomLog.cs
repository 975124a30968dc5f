namespace WeComGuard.Core.Audits.Archive;

/// <summary>The room ids the chat-archive exporter saw in archived messages: internal groups are known only through them.</summary>
public interface IArchiveRoomLog
{
    /// <summary>Every room id in the day files from <paramref name="firstDay"/> to <paramref name="lastDay"/> (China dates), distinct.</summary>
    Task<ArchiveRoomIds> ReadAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}
