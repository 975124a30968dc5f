using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates the handover rules (§2.3.2): reads the customers awaiting 离职继承 (get_unassigned_list), the groups in
/// 离职待继承 / 离职继承中 (groupchat/list status 1 and 2, then groupchat/get) and the roster, then checks each departed
/// member. A list that cannot be read skips the rules that need it; the others still run.
/// </summary>
public static class HandoverAuditEvaluator
{
    public static async Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source, IRosterSource? rosterSource, AuditOptions options, AuditClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var incomplete = new List<string>();
        var missing = new List<AuditSkippedRule>();
        var (roster, rosterProblem) = await RosterLoader.LoadAsync(rosterSource, cancellationToken).ConfigureAwait(false);
        if (rosterProblem is not null)
        {
            incomplete.Add(rosterProblem);
            missing.Add(new AuditSkippedRule(AuditRuleCatalog.HandoverDepartureUnrecorded.Id, rosterProblem));
        }

        var customers = await ReadAsync(source.GetHandoverCustomersAsync(cancellationToken), "the customers awaiting handover", incomplete, cancellationToken).ConfigureAwait(false);
        if (customers.Unavailable is { } noCustomers)
        {
            missing.Add(new AuditSkippedRule(AuditRuleCatalog.HandoverCustomersUnassigned.Id, noCustomers));
        }

        var groups = await ReadAsync(source.GetHandoverGroupChatsAsync(cancellationToken), "the groups awaiting handover", incomplete, cancellationToken).ConfigureAwait(false);
        if (groups.Unavailable is { } noGroups)
        {
            missing.Add(new AuditSkippedRule(AuditRuleCatalog.HandoverGroupsPending.Id, noGroups));
        }

        if (customers.Items is null && groups.Items is null && roster is not null)
        {
            missing.Add(new AuditSkippedRule(AuditRuleCatalog.HandoverDepartureUnrecorded.Id, "neither the customers nor the groups awaiting handover could be read"));
        }

        var input = new HandoverInput(customers.Items, groups.Items, roster is null ? null : new RosterMatcher(roster.Rows, source.Contacts), clock, options);
        var skipped = missing.Select(rule => rule.Rule).ToHashSet(StringComparer.Ordinal);
        var findings = new List<Finding>();
        if (!skipped.Contains(CustomersUnassignedRule.Definition.Id))
        {
            findings.AddRange(CustomersUnassignedRule.Evaluate(input));
        }

        if (!skipped.Contains(GroupsPendingHandoverRule.Definition.Id))
        {
            findings.AddRange(GroupsPendingHandoverRule.Evaluate(input));
        }

        if (!skipped.Contains(DepartureUnrecordedRule.Definition.Id))
        {
            findings.AddRange(DepartureUnrecordedRule.Evaluate(input));
        }

        return new AuditOutcome(
            findings,
            AuditRuleCatalog.HandoverRules.Select(rule => rule.Id).Where(id => !skipped.Contains(id)).ToList(),
            incomplete,
            roster?.Problems ?? [],
            new Dictionary<string, int>
            {
                ["unassignedCustomers"] = customers.Items?.Count ?? 0,
                ["groupsAwaitingHandover"] = groups.Items?.Count ?? 0,
                ["rosterRows"] = roster?.Rows.Count ?? 0,
                ["rosterProblems"] = roster?.Problems.Count ?? 0,
            })
        {
            SkippedRules = missing,
        };
    }

    // What could be read (null when WeCom refused the list altogether); a list cut short is kept and makes the run partial.
    private static async Task<(List<T>? Items, string? Unavailable)> ReadAsync<T>(
        IAsyncEnumerable<T> listing, string what, List<string> incomplete, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        try
        {
            await foreach (var item in listing.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
            }
        }
        catch (AuditDataIncompleteException error)
        {
            incomplete.Add($"{what} could not be read completely: {error.Message}");
        }
        catch (AuditInputUnavailableException error)
        {
            return (null, $"{what} are not available: {error.Message}");
        }

        return (items, null);
    }
}
