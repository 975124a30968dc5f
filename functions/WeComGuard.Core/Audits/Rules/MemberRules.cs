namespace WeComGuard.Core.Audits.Rules;

/// <summary>The account audit's rules, in the order findings are reported.</summary>
public static class MemberRules
{
    public static IReadOnlyList<IMemberRule> All { get; } =
    [
        new DepartedStillEnabledRule(), new NotInRosterRule(), new NameMismatchRule(), new MissingPositionRule(),
        new MissingAvatarRule(), new ActivationOverdueRule(), new PositionOutdatedRule(), new NewDeviceLoginsRule(),
        new LoginAfterDepartureRule(), .. AccountSignalRules.All,
    ];
}
