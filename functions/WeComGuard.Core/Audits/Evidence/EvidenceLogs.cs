using System.Text.Json.Nodes;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits.Evidence;

/// <summary>The logs kept as evidence and how their records are written: detail_info masked, nothing else personal.</summary>
public static class EvidenceLogs
{
    public const string MemberOperLog = "member-oper-log";
    public const string AdminOperLog = "admin-oper-log";

    public static EvidenceRecord ToEvidence(MemberOperRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Time, new JsonObject { ["time"] = record.Time.ToUnixTimeSeconds(), ["userid"] = record.UserId, ["oper_type"] = record.OperType });
    }

    public static EvidenceRecord ToEvidence(AdminOperRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Time, new JsonObject
        {
            ["time"] = record.Time.ToUnixTimeSeconds(),
            ["userid"] = record.UserId,
            ["oper_type"] = record.OperType,
            ["detail_type"] = record.DetailType,
            ["detail_info"] = AdminLogDetailMasking.Mask(record.DetailInfo),
        });
    }

    /// <summary>A kept member log record.</summary>
    public static MemberOperRecord ToMemberRecord(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MemberOperRecord(record.Time, (string?)record.Json["userid"] ?? string.Empty, (int?)record.Json["oper_type"] ?? 0);
    }

    /// <summary>A kept admin log record; its detail_info is the masked one.</summary>
    public static AdminOperRecord ToAdminRecord(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AdminOperRecord(
            record.Time,
            (string?)record.Json["userid"] ?? string.Empty,
            (int?)record.Json["oper_type"] ?? 0,
            (int?)record.Json["detail_type"] ?? 0,
            (string?)record.Json["detail_info"] ?? string.Empty);
    }
}
