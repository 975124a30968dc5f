namespace WeComGuard.Core.Audits.Archive;

/// <summary>What the room-id files gave: distinct room ids, how many day files there were, and lines that could not be read.</summary>
public sealed record ArchiveRoomIds(IReadOnlyList<string> RoomIds, int FilesRead, int BrokenLines);
