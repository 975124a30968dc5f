using WeComGuard.Core.Audits;
using WeComGuard.Core.Remediation;

namespace WeComGuard.Tests.Remediation;

/// <summary>Every rule in the catalog names who acts on it, what they are asked to do, and only actions WeCom Guard can run.</summary>
public sealed class RuleResponsibilityTests
{
    public static TheoryData<string> Rules => [.. AuditRuleCatalog.All.Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_in_the_catalog_has_a_responsible_party_an_instruction_and_known_actions(string rule)
    {
        Assert.Contains(rule, AuditRuleResponsibilities.Rules);
        var responsibility = AuditRuleResponsibilities.For(rule);
        Assert.True(Enum.IsDefined(responsibility.Party));
        Assert.False(string.IsNullOrWhiteSpace(responsibility.WhatToDo));
        Assert.All(responsibility.Actions, action => Assert.Contains(action, RemediationActionNames.All));
        Assert.DoesNotContain(RemediationActionNames.Waive, responsibility.Actions); // every card offers it anyway
    }

    [Fact]
    public void The_map_names_no_rule_the_catalog_lacks_and_uses_every_party()
    {
        Assert.Equal(AuditRuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal), AuditRuleResponsibilities.Rules.Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<ResponsibleParty>(), AuditRuleResponsibilities.Rules.Select(r => AuditRuleResponsibilities.For(r).Party).Distinct().Order());
    }

    [Theory]
    [InlineData("account.missing-position", ResponsibleParty.Member)]
    [InlineData("account.activation-overdue", ResponsibleParty.Member)]
    [InlineData("group.unnamed", ResponsibleParty.GroupOwner)]
    [InlineData("group.departed-members", ResponsibleParty.GroupOwner)]
    [InlineData("group.notice-sensitive", ResponsibleParty.GroupOwner)]
    [InlineData("account.departed-still-enabled", ResponsibleParty.It)]
    [InlineData("account.login-after-departure", ResponsibleParty.It)]
    [InlineData("file.sensitive-content", ResponsibleParty.SecurityTeam)]
    [InlineData("account.new-device-logins", ResponsibleParty.SecurityTeam)]
    public void The_issue_s_examples_go_to_the_party_it_names(string rule, ResponsibleParty party) =>
        Assert.Equal(party, AuditRuleResponsibilities.For(rule).Party);
}
