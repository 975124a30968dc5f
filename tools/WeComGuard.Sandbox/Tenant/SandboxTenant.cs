using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WeComGuard.Sandbox.Tenant;

/// <summary>Everything the sandbox serves: a WeCom tenant, loaded from JSON or made by <see cref="TenantGenerator"/>.</summary>
public sealed class SandboxTenant
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string CorpName { get; set; } = "WeCom Guard Sandbox Co.";

    public List<SandboxDepartment> Departments { get; set; } = [];

    public List<SandboxMember> Members { get; set; } = [];

    public List<SandboxGroupChat> GroupChats { get; set; } = [];

    public List<SandboxAppChat> AppChats { get; set; } = [];

    public List<SandboxMedia> Media { get; set; } = [];

    public List<SandboxMemberOperLog> MemberOperLogs { get; set; } = [];

    public List<SandboxFileOperRecord> FileOperRecords { get; set; } = [];

    public List<SandboxAdminOperLog> AdminOperLogs { get; set; } = [];

    public List<SandboxUnassignedCustomer> UnassignedCustomers { get; set; } = [];

    /// <summary>Members configured for customer contact (externalcontact/get_follow_user_list).</summary>
    public List<string> FollowUsers { get; set; } = [];

    /// <summary>Internal groups (会话内容存档, msgaudit/groupchat/get).</summary>
    public List<SandboxArchiveRoom> ArchiveRooms { get; set; } = [];

    /// <summary>Members whose chats are archived (msgaudit/get_permit_user_list).</summary>
    public List<string> ArchivePermitUsers { get; set; } = [];

    /// <summary>会话内容存档 has lapsed: msgaudit/* answers 301052.</summary>
    public bool ArchiveLapsed { get; set; }

    /// <summary>Lines of the exporter's room-id file that are deliberately broken (a half-written line, not JSON).</summary>
    public List<string> BrokenArchiveRoomLines { get; set; } = [];

    /// <summary>HR roster lines that are deliberately malformed (written as-is by the roster export).</summary>
    public List<string> MalformedRosterLines { get; set; } = [];

    public List<SandboxPlantedViolation> Planted { get; set; } = [];

    public static SandboxTenant Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<SandboxTenant>(stream, JsonOptions)
            ?? throw new InvalidDataException($"The tenant file '{path}' is empty.");
    }

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // Written beside the target and moved into place, so a reader never sees half a tenant.
        var partial = path + ".partial";
        using (var stream = File.Create(partial))
        {
            JsonSerializer.Serialize(stream, this, JsonOptions);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>A new member_version, as WeCom changes it whenever a group's members change.</summary>
    public static string NextMemberVersion(string chatId, string current) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chatId + "/" + current)).AsSpan(0, 16));
}
