using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>account.new-device-logins: at least <see cref="AuditOptions.NewDeviceLoginThreshold"/> new-device logins (oper_type 4) in [T−24h, T).</summary>
public sealed class NewDeviceLoginsRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.NewDeviceLogins;

    public MemberRuleInputs Needs => MemberRuleInputs.OperationLog;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var from = input.Clock.AsOf.AddHours(-24);
        var logins = input.Logins
            .Where(record => record.OperType == MemberOperRecord.NewDeviceLogin && record.Time >= from && record.Time < input.Clock.AsOf)
            .OrderBy(record => record.Time)
            .ToList();
        if (logins.Count < input.Options.NewDeviceLoginThreshold)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["count"] = logins.Count,
            ["times"] = new JsonArray([.. logins.Select(record => JsonValue.Create(record.Time))]),
        }, input.Department);
    }
}
