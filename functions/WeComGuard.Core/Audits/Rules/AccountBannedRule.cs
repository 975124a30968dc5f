using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// account.login-banned (oper_type 9) and account.interop-banned (20): WeCom itself stopped the account, which is what
/// it does when it catches a third-party tool (外挂, 多开, unofficial clients) using it. Any such record in the last
/// <see cref="AuditOptions.MemberLogLookbackDays"/> days is a finding. Subject: userid.
/// </summary>
public sealed class AccountBannedRule(AuditRuleDefinition definition, int operType) : IMemberRule
{
    public AuditRuleDefinition Definition { get; } = definition;

    public MemberRuleInputs Needs => MemberRuleInputs.OperationLog;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bans = AccountSignalRule.InWindow(input, input.Signals, operType);
        if (bans.Count == 0)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["operType"] = operType,
            ["count"] = bans.Count,
            ["first"] = bans[0].Time,
            ["last"] = bans[^1].Time,
        }, input.Department);
    }
}
