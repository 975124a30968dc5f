using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// account.name-changed: the member changed their name (oper_type 12) in the last <see cref="AuditOptions.MemberLogLookbackDays"/> days and the WeCom name now differs
/// from the active roster row's (NFKC, trimmed). account.name-mismatch says the names differ; this says it was a
/// recent change by the member, the way an account handed to someone else gets renamed. Subject: userid.
/// </summary>
public sealed class NameChangedRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.AccountNameChanged;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster | MemberRuleInputs.OperationLog;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.MatchesActiveRosterRow || TextComparison.AreSame(input.Member.Name, input.RosterRow!.Name))
        {
            return null;
        }

        var changes = AccountSignalRule.InWindow(input, input.Signals, MemberOperRecord.NameChanged);
        if (changes.Count == 0)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["employeeId"] = input.RosterRow.EmployeeId,
            ["wecomName"] = input.Member.Name,
            ["rosterName"] = input.RosterRow.Name,
            ["changed"] = changes[^1].Time,
            ["count"] = changes.Count,
        }, input.Department);
    }
}
