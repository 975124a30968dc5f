namespace WeComGuard.Core.Remediation;

/// <summary>An action's state in table <c>Actions</c>.</summary>
public static class ActionStatus
{
    /// <summary>Claimed (the TaskId is taken), not finished: a crash leaves it here and the same event's retry resumes it.</summary>
    public const string Running = "running";
    public const string Succeeded = "succeeded";

    /// <summary>Some of it done (a transfer with chats refused or deferred to a later day).</summary>
    public const string Partial = "partial";
    public const string Failed = "failed";

    /// <summary>Not run: not allowed (the clicker is not in the security team, the action does not apply, the finding is not open).</summary>
    public const string Refused = "refused";

    /// <summary>Approved but not run because <c>Remediation__Enabled</c> is false.</summary>
    public const string DryRun = "dry-run";
}
