using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Tests.Audits;

/// <summary>Builders for audit rule inputs.</summary>
internal static class AuditTestData
{
    /// <summary>T = 2026-11-28 16:30 UTC, which is already 2026-11-29 00:30 in China: date rules must use the 29th.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 11, 28, 16, 30, 0, TimeSpan.Zero);

    public static AuditClock Clock => new(AsOf);

    /// <summary>The fingerprint key the in-memory members' contacts are made with.</summary>
    public static readonly ContactFingerprinter Contacts = new("test-fingerprint-key");

    public static AuditMember Member(
        string userId = "zhangsan", string name = "张三", int status = 1, string? position = "销售经理",
        AvatarState avatar = AvatarState.Present, string? mobile = null, string? email = null) =>
        new(userId, name, position, Contacts.Mobile(mobile), Contacts.Email(email), status, avatar, [2]);

    public static RosterRow Row(
        string? userId = "zhangsan", string name = "张三", RosterStatus status = RosterStatus.Active, string? position = "销售经理",
        DateOnly? hireDate = null, DateOnly? terminationDate = null, string? department = "销售部") =>
        new(2, "E001", name, userId, null, null, department, position, status, hireDate ?? new DateOnly(2020, 1, 1), terminationDate);

    public static MemberAuditInput Input(AuditMember member, RosterRow? row, AuditOptions? options = null, params MemberOperRecord[] logins) =>
        new(member, row, logins, Clock, options ?? new AuditOptions());

    public static MemberOperRecord Login(DateTimeOffset time, int operType = MemberOperRecord.NewDeviceLogin, string userId = "zhangsan") =>
        new(time, userId, operType);

    public static AuditGroupChat Chat(string chatId, string? name, string owner, params (string UserId, int Type)[] members) =>
        new(chatId, name, owner, null, [.. members.Select(member => new AuditGroupMember(member.UserId, member.Type))]);
}
