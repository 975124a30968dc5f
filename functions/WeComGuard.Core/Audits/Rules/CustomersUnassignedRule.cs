using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// handover.customers-unassigned: a departed member still has customers in get_unassigned_list whose dimission_time is
/// at least <see cref="AuditOptions.HandoverGraceDays"/> days before T. Subject: the departed member's userid.
/// </summary>
public static class CustomersUnassignedRule
{
    public static AuditRuleDefinition Definition => AuditRuleCatalog.HandoverCustomersUnassigned;

    public static IEnumerable<Finding> Evaluate(HandoverInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var member in (input.Customers ?? []).GroupBy(customer => customer.HandoverUserId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var overdue = member.Where(customer => input.Clock.AsOf - customer.DimissionTime >= input.Grace).ToList();
            if (overdue.Count == 0)
            {
                continue;
            }

            var dimission = overdue.Min(customer => customer.DimissionTime);
            yield return Definition.CreateFinding(member.Key, new JsonObject
            {
                ["dimissionTime"] = dimission,
                ["daysSinceDimission"] = (int)(input.Clock.AsOf - dimission).TotalDays,
                ["unassignedCustomers"] = overdue.Count,
                ["graceDays"] = input.Options.HandoverGraceDays,
            });
        }
    }
}
