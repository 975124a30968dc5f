using System.Text.Json.Nodes;

namespace WeComGuard.Sandbox.Tenant;

/// <summary>
/// What the chat-archive exporter writes to <c>chat-archive/rooms/{yyyy}/{MM}/{dd}.jsonl</c> for a tenant: one JSON line
/// per internal room (<c>{"roomid":...,"seen":unix}</c>), then the tenant's deliberately broken lines.
/// </summary>
public static class ArchiveRoomLogWriter
{
    public static IReadOnlyList<string> Lines(SandboxTenant tenant, long seen)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return
        [
            .. tenant.ArchiveRooms.Select(room => new JsonObject { ["roomid"] = room.RoomId, ["seen"] = seen }.ToJsonString()),
            .. tenant.BrokenArchiveRoomLines,
        ];
    }

    public static string Content(SandboxTenant tenant, long seen) => string.Join('\n', Lines(tenant, seen)) + "\n";
}
