using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// account.wechat-rebound (oper_type 6 or 7) and account.mobile-changed (5): the change happened within
/// <see cref="AuditOptions.AccountSignalWindowDays"/> days (inclusive) of the other change or of a new-device login (4),
/// the pattern of an account taken over or handed to someone else. A change on its own is no finding. Subject: userid.
/// </summary>
public sealed class AccountChangeNearRule(AuditRuleDefinition definition, int[] changeTypes, int[] corroboratingTypes) : IMemberRule
{
    public AuditRuleDefinition Definition { get; } = definition;

    public MemberRuleInputs Needs => MemberRuleInputs.OperationLog;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var changes = AccountSignalRule.InWindow(input, input.Signals, changeTypes);
        if (changes.Count == 0)
        {
            return null;
        }

        var others = AccountSignalRule.InWindow(input, input.Signals.Concat(input.Logins), corroboratingTypes);
        var window = TimeSpan.FromDays(input.Options.AccountSignalWindowDays);
        foreach (var change in changes.AsEnumerable().Reverse())
        {
            var near = others.Where(other => (other.Time - change.Time).Duration() <= window).ToList();
            if (near.Count > 0)
            {
                return Definition.CreateFinding(input.Member.UserId, new JsonObject
                {
                    ["changed"] = change.Time,
                    ["operType"] = change.OperType,
                    ["windowDays"] = input.Options.AccountSignalWindowDays,
                    ["near"] = new JsonArray([.. near.Select(other => (JsonNode)new JsonObject { ["time"] = other.Time, ["operType"] = other.OperType })]),
                }, input.Department);
            }
        }

        return null;
    }
}
