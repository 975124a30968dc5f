namespace WeComGuard.Core.Audits.Rules;

/// <summary>What a member rule needs besides the member; a rule whose inputs are missing is not evaluated (and resolves nothing).</summary>
[Flags]
public enum MemberRuleInputs
{
    None = 0,
    Roster = 1,
    OperationLog = 2,
    Avatars = 4,
}
