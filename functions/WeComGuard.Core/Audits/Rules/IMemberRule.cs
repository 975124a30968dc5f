namespace WeComGuard.Core.Audits.Rules;

/// <summary>An account rule evaluated for one member at a time. Subject = userid.</summary>
public interface IMemberRule
{
    AuditRuleDefinition Definition { get; }

    MemberRuleInputs Needs { get; }

    Finding? Evaluate(MemberAuditInput input);
}
