using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>Maps WeCom's objects to the directory tables' rows and back. See docs/data-model.md.</summary>
internal static class DirectoryEntities
{
    public const string ContentHash = "ContentHash";
    public const string Removed = "Removed";
    public const string RemovedAt = "RemovedAt";
    public const string UpdatedAt = "UpdatedAt";

    /// <summary>Table string properties hold at most 32K characters; longer lists are split over numbered properties.</summary>
    private const int MaxChunkChars = 30_000;

    public static TableEntity Member(WeComMember m, DateTimeOffset now)
    {
        var entity = new TableEntity(DirectoryKeys.MemberPartition, DirectoryKeys.RowKey(m.UserId))
        {
            ["UserId"] = m.UserId,
            ["Name"] = m.Name,
            ["Departments"] = string.Join(',', m.Department),
            ["MainDepartment"] = m.MainDepartment,
            ["IsLeaderInDept"] = string.Join(',', m.IsLeaderInDept),
            ["DirectLeaders"] = string.Join(',', m.DirectLeader),
            ["Position"] = m.Position,
            ["Status"] = m.Status,
            ["HasAvatar"] = !string.IsNullOrEmpty(m.Avatar),
            ["MobileMasked"] = PersonalDataMasking.MaskMobile(m.Mobile) ?? string.Empty,
            ["EmailMasked"] = PersonalDataMasking.MaskEmail(string.IsNullOrEmpty(m.Email) ? m.BizMail : m.Email) ?? string.Empty,
            [Removed] = false,
        };
        return Seal(entity, now);
    }

    public static TableEntity Department(WeComDepartment d, DateTimeOffset now)
    {
        var entity = new TableEntity(DirectoryKeys.DepartmentPartition, DirectoryKeys.RowKey(d.Id))
        {
            ["DepartmentId"] = d.Id,
            ["Name"] = d.Name,
            ["ParentId"] = d.ParentId,
            ["Order"] = d.Order,
            ["Leaders"] = string.Join(',', d.DepartmentLeader),
            [Removed] = false,
        };
        return Seal(entity, now);
    }

    public static TableEntity GroupChat(WeComGroupChat chat, int? status, int? memberVersionGaps, DateTimeOffset now)
    {
        var entity = new TableEntity(DirectoryKeys.GroupChatPartition, DirectoryKeys.RowKey(chat.ChatId))
        {
            ["ChatId"] = chat.ChatId,
            ["Name"] = chat.Name,
            ["Owner"] = chat.Owner,
            ["CreateTime"] = DateTimeOffset.FromUnixTimeSeconds(chat.CreateTime),
            ["HasNotice"] = !string.IsNullOrWhiteSpace(chat.Notice),
            ["MemberCount"] = chat.MemberList.Count,
            ["ExternalMemberCount"] = chat.MemberList.Count(m => m.Type == 2),
            ["Admins"] = string.Join(',', chat.AdminList.Select(a => a.UserId)),
            ["MemberVersion"] = chat.MemberVersion ?? string.Empty,
            ["Dismissed"] = false,
            [Removed] = false,
        };
        WriteList(entity, "InternalMembers", chat.MemberList.Where(m => m.Type != 2).Select(m => m.UserId));
        WriteList(entity, "ExternalMembers", chat.MemberList.Where(m => m.Type == 2).Select(m => Fingerprint(m.UserId)));
        if (status is not null)
        {
            entity["Status"] = status.Value;
        }

        if (memberVersionGaps is not null)
        {
            entity["MemberVersionGaps"] = memberVersionGaps.Value;
        }

        return Seal(entity, now);
    }

    public static TableEntity RemovedMarker(string partition, string rowKey, DateTimeOffset at, DateTimeOffset now) =>
        new(partition, rowKey) { [Removed] = true, [RemovedAt] = at, [UpdatedAt] = now, [ContentHash] = "removed" };

    public static MirroredMember ToMember(TableEntity e) => new(
        e.GetString("UserId") ?? e.RowKey,
        e.GetString("Name") ?? string.Empty,
        Ints(e.GetString("Departments")),
        e.GetInt32("MainDepartment") ?? 0,
        e.GetString("Position") ?? string.Empty,
        e.GetInt32("Status") ?? 0,
        e.GetBoolean("HasAvatar") ?? false,
        NullIfEmpty(e.GetString("MobileMasked")),
        NullIfEmpty(e.GetString("EmailMasked")),
        e.GetBoolean(Removed) ?? false,
        (e.GetBoolean(Removed) ?? false) ? e.GetDateTimeOffset(RemovedAt) : null,
        e.GetDateTimeOffset(UpdatedAt) ?? e.Timestamp ?? DateTimeOffset.MinValue);

    public static MirroredDepartment ToDepartment(TableEntity e) => new(
        e.GetInt32("DepartmentId") ?? int.Parse(e.RowKey, CultureInfo.InvariantCulture),
        e.GetString("Name") ?? string.Empty,
        e.GetInt32("ParentId") ?? 0,
        e.GetInt64("Order") ?? 0,
        e.GetBoolean(Removed) ?? false,
        (e.GetBoolean(Removed) ?? false) ? e.GetDateTimeOffset(RemovedAt) : null,
        e.GetDateTimeOffset(UpdatedAt) ?? e.Timestamp ?? DateTimeOffset.MinValue);

    public static MirroredGroupChat ToGroupChat(TableEntity e) => new(
        e.GetString("ChatId") ?? e.RowKey,
        e.GetString("Name") ?? string.Empty,
        e.GetString("Owner") ?? string.Empty,
        e.GetDateTimeOffset("CreateTime") ?? DateTimeOffset.MinValue,
        e.GetBoolean("HasNotice") ?? false,
        ReadList(e, "InternalMembers"),
        ReadList(e, "ExternalMembers"),
        Strings(e.GetString("Admins")),
        NullIfEmpty(e.GetString("MemberVersion")),
        e.GetInt32("Status") ?? 0,
        e.GetBoolean("Dismissed") ?? false,
        (e.GetBoolean("Dismissed") ?? false) ? e.GetDateTimeOffset("DismissedAt") : null,
        e.GetBoolean(Removed) ?? false,
        (e.GetBoolean(Removed) ?? false) ? e.GetDateTimeOffset(RemovedAt) : null,
        e.GetInt32("MemberVersionGaps") ?? 0,
        e.GetDateTimeOffset(UpdatedAt) ?? e.Timestamp ?? DateTimeOffset.MinValue);

    /// <summary>A short keyless fingerprint of an external_userid: enough to compare groups' member sets, not the id itself.</summary>
    public static string Fingerprint(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));

    private static TableEntity Seal(TableEntity entity, DateTimeOffset now)
    {
        var content = new StringBuilder();
        foreach (var (key, value) in entity.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            content.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        }

        entity[ContentHash] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())).AsSpan(0, 16));
        entity[UpdatedAt] = now;
        return entity;
    }

    private static void WriteList(TableEntity entity, string name, IEnumerable<string> values)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var value in values)
        {
            if (current.Length > 0 && current.Length + value.Length + 1 > MaxChunkChars)
            {
                parts.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(',');
            }

            current.Append(value);
        }

        parts.Add(current.ToString());
        entity[name + "Parts"] = parts.Count;
        for (var i = 0; i < parts.Count; i++)
        {
            entity[i == 0 ? name : name + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
        }
    }

    private static List<string> ReadList(TableEntity entity, string name)
    {
        var count = entity.GetInt32(name + "Parts") ?? 1;
        var values = new List<string>();
        for (var i = 0; i < count; i++)
        {
            values.AddRange(Strings(entity.GetString(i == 0 ? name : name + i.ToString(CultureInfo.InvariantCulture))));
        }

        return values;
    }

    private static List<int> Ints(string? csv) => Strings(csv).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    private static List<string> Strings(string? csv) => string.IsNullOrEmpty(csv) ? [] : [.. csv.Split(',')];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
