namespace WeComGuard.Core.Audits;

/// <summary>Who is asked to fix a finding (docs/security-team.md, "Who is asked to act").</summary>
public enum ResponsibleParty
{
    /// <summary>The member the finding is about (the subject's userid).</summary>
    Member,

    /// <summary>The owner of the customer group (groupchat/get), for an overlap the first group's owner.</summary>
    GroupOwner,

    /// <summary>The subject member's direct leader (user/get <c>direct_leader</c>).</summary>
    DirectLeader,

    /// <summary>The IT admins (<c>Notifications__ItUserIds</c>).</summary>
    It,

    /// <summary>The security team (<c>Notifications__SecurityTeamUserIds</c>).</summary>
    SecurityTeam,
}
