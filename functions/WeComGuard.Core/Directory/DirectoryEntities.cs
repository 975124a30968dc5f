using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;
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

    private const string NoticeNone = "none";
    private const string NoticeClean = "clean";
    private const string NoticeDetected = "detected";
    private const string NoticeNotInspected = "not-inspected";

    /// <summary>The member's row: what the account and group rules read (<see cref="AuditFacts"/>), contacts only masked and fingerprinted.</summary>
    public static TableEntity Member(WeComMember m, ContactFingerprinter contacts, DateTimeOffset now)
    {
        var facts = AuditFacts.Member(m, [.. m.Department.Select(d => (long)d)], contacts);
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
            ["Avatar"] = (int)facts.Avatar,
            ["MobileMasked"] = facts.Mobile?.Masked ?? string.Empty,
            ["MobileFingerprint"] = facts.Mobile?.Fingerprint ?? string.Empty,
            ["EmailMasked"] = facts.Email?.Masked ?? string.Empty,
            ["EmailFingerprint"] = facts.Email?.Fingerprint ?? string.Empty,
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

    /// <summary>The group's row: members (external ones as keyed fingerprints) and the notice verdict, never the notice text.</summary>
    public static TableEntity GroupChat(
        WeComGroupChat chat, GroupNoticeVerdict notice, ContactFingerprinter contacts, int? status, int? memberVersionGaps, DateTimeOffset now)
    {
        var entity = new TableEntity(DirectoryKeys.GroupChatPartition, DirectoryKeys.RowKey(chat.ChatId))
        {
            ["ChatId"] = chat.ChatId,
            ["Name"] = chat.Name,
            ["Owner"] = chat.Owner,
            ["CreateTime"] = DateTimeOffset.FromUnixTimeSeconds(chat.CreateTime),
            ["HasNotice"] = !string.IsNullOrWhiteSpace(chat.Notice),
            ["NoticeVerdict"] = string.IsNullOrWhiteSpace(chat.Notice) ? NoticeNone : !notice.Inspected ? NoticeNotInspected : notice.Detection is null ? NoticeClean : NoticeDetected,
            ["NoticeCategory"] = notice.Detection?.Category ?? string.Empty,
            ["NoticeConfidence"] = notice.Detection is { } detection ? (int)detection.Confidence : 0,
            ["NoticeMasked"] = notice.Detection?.MaskedValue ?? string.Empty,
            ["MemberCount"] = chat.MemberList.Count,
            ["ExternalMemberCount"] = chat.MemberList.Count(m => m.Type == 2),
            ["Admins"] = string.Join(',', chat.AdminList.Select(a => a.UserId)),
            ["MemberVersion"] = chat.MemberVersion ?? string.Empty,
            ["Dismissed"] = false,
            [Removed] = false,
        };
        var (internalMembers, externalMembers) = MemberKeys(chat, contacts);
        WriteList(entity, "InternalMembers", internalMembers);
        WriteList(entity, "ExternalMembers", externalMembers);
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

    /// <summary>A group's members as its row and the membership index key them: internal userids, external members' fingerprints.</summary>
    public static (IEnumerable<string> Internal, IEnumerable<string> External) MemberKeys(WeComGroupChat chat, ContactFingerprinter contacts) => (
        chat.MemberList.Where(m => m.Type == AuditGroupMember.TypeInternal).Select(m => m.UserId),
        chat.MemberList.Where(m => m.Type != AuditGroupMember.TypeInternal).Select(m => contacts.ExternalMember(m.UserId)));

    public static TableEntity RemovedMarker(string partition, string rowKey, DateTimeOffset at, DateTimeOffset now) =>
        new(partition, rowKey) { [Removed] = true, [RemovedAt] = at, [UpdatedAt] = now, [ContentHash] = "removed" };

    public static MirroredMember ToMember(TableEntity e) => new(
        e.GetString("UserId") ?? e.RowKey,
        e.GetString("Name") ?? string.Empty,
        Ints(e.GetString("Departments")),
        e.GetInt32("MainDepartment") ?? 0,
        e.GetString("Position") ?? string.Empty,
        e.GetInt32("Status") ?? 0,
        (AvatarState)(e.GetInt32("Avatar") ?? (int)AvatarState.NotReturned),
        Contact(e, "Mobile"),
        Contact(e, "Email"),
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
        Notice(e),
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

    private static MemberContact? Contact(TableEntity e, string name) =>
        NullIfEmpty(e.GetString(name + "Masked")) is { } masked && NullIfEmpty(e.GetString(name + "Fingerprint")) is { } fingerprint
            ? new MemberContact(masked, fingerprint)
            : null;

    // Rows mirrored before verdicts were stored count as not inspected until the next sync rewrites them.
    private static GroupNoticeVerdict Notice(TableEntity e) => e.GetString("NoticeVerdict") switch
    {
        NoticeNone or NoticeClean => GroupNoticeVerdict.Clean,
        NoticeDetected => new GroupNoticeVerdict(true, new NoticeDetection(
            e.GetString("NoticeCategory") ?? string.Empty, (DetectionConfidence)(e.GetInt32("NoticeConfidence") ?? 0), NullIfEmpty(e.GetString("NoticeMasked")))),
        null when !(e.GetBoolean("HasNotice") ?? false) => GroupNoticeVerdict.Clean,
        _ => GroupNoticeVerdict.NotInspected,
    };

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
