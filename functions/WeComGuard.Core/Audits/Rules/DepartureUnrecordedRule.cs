using System.Globalization;
using System.Text.Json.Nodes;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// handover.departure-unrecorded: WeCom says a member left (they have customers awaiting 离职继承, with dimission_time, or
/// own groups in 离职待继承 / 离职继承中), and the HR roster does not: no row with their userid, a row still active, or a
/// termination date more than <see cref="AuditOptions.HandoverGraceDays"/> days from WeCom's dimission date (China).
/// Subject: userid.
/// </summary>
public static class DepartureUnrecordedRule
{
    public const string ReasonNotInRoster = "not-in-roster";
    public const string ReasonRosterActive = "roster-active";
    public const string ReasonDatesDiffer = "dates-differ";

    public static AuditRuleDefinition Definition => AuditRuleCatalog.HandoverDepartureUnrecorded;

    public static IEnumerable<Finding> Evaluate(HandoverInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Roster is null)
        {
            yield break;
        }

        var departed = (input.Customers ?? []).Select(customer => customer.HandoverUserId)
            .Concat((input.Groups ?? []).Select(group => group.Owner))
            .Where(userId => userId.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var userId in departed)
        {
            var dimission = input.DimissionOf(userId);
            var dimissionDate = dimission is { } at ? ChinaTime.DateOf(at) : (DateOnly?)null;
            var row = input.Roster.MatchUserId(userId);
            var reason = row switch
            {
                null => ReasonNotInRoster,
                { Status: RosterStatus.Active } => ReasonRosterActive,
                { TerminationDate: { } terminated } when dimissionDate is { } date && Math.Abs(terminated.DayNumber - date.DayNumber) > input.Options.HandoverGraceDays => ReasonDatesDiffer,
                _ => null,
            };
            if (reason is null)
            {
                continue;
            }

            yield return Definition.CreateFinding(userId, new JsonObject
            {
                ["reason"] = reason,
                ["employeeId"] = row?.EmployeeId,
                ["wecomDimissionDate"] = dimissionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["rosterTerminationDate"] = row?.TerminationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["evidence"] = dimission is null ? "groups in 离职待继承/离职继承中" : "customers awaiting 离职继承",
            }, row?.Department);
        }
    }
}
