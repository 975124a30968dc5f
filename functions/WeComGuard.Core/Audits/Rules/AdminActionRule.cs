using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// An admin log rule: a finding for each record whose detail_type is one of <see cref="Actions"/> (unless
/// <see cref="IsExempt"/> says otherwise). Subject: the operator, the instant, the detail_type and a hash of the
/// masked detail, so that the same record is the same finding in every run.
/// </summary>
public class AdminActionRule(AuditRuleDefinition definition, IReadOnlyDictionary<int, string> actions)
{
    public AuditRuleDefinition Definition { get; } = definition;

    /// <summary>detail_type → WeCom's name for the action (DOC 100179 操作行为类型说明).</summary>
    public IReadOnlyDictionary<int, string> Actions { get; } = actions;

    public Finding? Evaluate(AdminOperRecord record, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        if (!Actions.TryGetValue(record.DetailType, out var action) || IsExempt(record, options))
        {
            return null;
        }

        var masked = AdminLogDetailMasking.Mask(record.DetailInfo);
        return Definition.CreateFinding(SubjectFor(record), new JsonObject
        {
            ["time"] = record.Time,
            ["operator"] = record.UserId,
            ["operType"] = record.OperType,
            ["detailType"] = record.DetailType,
            ["action"] = action,
            ["detail"] = masked,
        });
    }

    /// <summary>The finding subject of <paramref name="record"/>: operator@unixtime:detail_type:hash of the masked detail.</summary>
    public static string SubjectFor(AdminOperRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminLogDetailMasking.Mask(record.DetailInfo))).AsSpan(0, 4));
        return string.Create(CultureInfo.InvariantCulture, $"{record.UserId}@{record.Time.ToUnixTimeSeconds()}:{record.DetailType}:{hash}");
    }

    protected virtual bool IsExempt(AdminOperRecord record, AuditOptions options) => false;
}
