namespace WeComGuard.Core.Audits.Rules;

/// <summary>The group audit's per-chat rules (group.overlap and group.notice-sensitive look at more than one chat or call the scanner).</summary>
public static class GroupRules
{
    public static IReadOnlyList<IGroupRule> All { get; } =
        [new GroupUnnamedRule(), new GroupOwnerDepartedRule(), new GroupDepartedMembersRule()];
}
