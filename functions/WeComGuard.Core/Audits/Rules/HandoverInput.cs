using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// What the handover rules see: the customers awaiting 离职继承 by departed member, the groups in 离职待继承 / 离职继承中,
/// the roster (null when none could be read), the run's clock and thresholds. Either list is null when it could not be read.
/// </summary>
public sealed class HandoverInput(
    IReadOnlyList<HandoverCustomer>? customers, IReadOnlyList<HandoverGroupChat>? groups, RosterMatcher? roster, AuditClock clock, AuditOptions options)
{
    private readonly Dictionary<string, DateTimeOffset> _dimissions = (customers ?? [])
        .GroupBy(customer => customer.HandoverUserId, StringComparer.Ordinal)
        .ToDictionary(member => member.Key, member => member.Min(customer => customer.DimissionTime), StringComparer.Ordinal);

    public IReadOnlyList<HandoverCustomer>? Customers { get; } = customers;

    public IReadOnlyList<HandoverGroupChat>? Groups { get; } = groups;

    public RosterMatcher? Roster { get; } = roster;

    public AuditClock Clock { get; } = clock;

    public AuditOptions Options { get; } = options;

    public TimeSpan Grace => TimeSpan.FromDays(Options.HandoverGraceDays);

    /// <summary>WeCom's dimission_time of a departed member (the earliest their unassigned customers carry), if any.</summary>
    public DateTimeOffset? DimissionOf(string userId) => _dimissions.TryGetValue(userId, out var dimission) ? dimission : null;

    /// <summary>When <paramref name="userId"/> left: WeCom's dimission_time, else the start (China) of the day after the roster's termination date.</summary>
    public (DateTimeOffset? At, string? Source) DepartureOf(string userId)
    {
        if (DimissionOf(userId) is { } dimission)
        {
            return (dimission, "wecom-dimission-time");
        }

        return Roster?.MatchUserId(userId) is { Status: RosterStatus.Terminated, TerminationDate: { } terminated }
            ? (ChinaTime.StartOf(terminated.AddDays(1)), "roster-termination-date")
            : (null, null);
    }
}
