namespace WeComGuard.Core.Audits.Rules;

/// <summary>A group rule evaluated for one chat at a time. Subject = chat_id.</summary>
public interface IGroupRule
{
    AuditRuleDefinition Definition { get; }

    Finding? Evaluate(GroupAuditInput input);
}
