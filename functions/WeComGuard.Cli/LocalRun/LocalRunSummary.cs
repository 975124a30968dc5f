namespace WeComGuard.Cli.LocalRun;

/// <summary>What a local run did, for its printed summary and for the end-to-end test.</summary>
public sealed class LocalRunSummary
{
    public int CallbacksSent { get; set; }

    public int CallbacksAcknowledged { get; set; }

    public int ForgedCallbackStatus { get; set; }

    public Dictionary<string, int> EventsByStatus { get; } = new(StringComparer.Ordinal);

    public List<(string File, string Status, string Verdict, string? Highest)> Files { get; } = [];

    public Dictionary<string, int> OpenFindingsBySeverity { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> OpenFindingsByRule { get; } = new(StringComparer.Ordinal);

    public List<(string Job, string Status, string? Report)> Runs { get; } = [];

    public List<string> ReportFiles { get; } = [];

    /// <summary>The local copy of audit-index/index.html (every run linked, the trend), when the runs wrote it.</summary>
    public string? IndexPage { get; set; }

    public int MessagesToSecurityTeam { get; set; }

    /// <summary>For each finding a callback's re-check opened: the time from the callback's arrival to the finding.</summary>
    public List<TimeSpan> RecheckLatencies { get; } = [];

    /// <summary>
    /// For each callback of the burst planted to open findings (a group owner leaving, a group renamed to nothing): the
    /// time from its first POST to its findings' rows open in table Findings, polled; null when they never appeared.
    /// </summary>
    public List<TimeSpan?> CallbackToFinding { get; } = [];

    /// <summary>Planted callbacks left out of <see cref="CallbackToFinding"/> because a finding they open was open already.</summary>
    public int CallbackFindingsAlreadyOpen { get; set; }

    /// <summary>Each planted violation that names one rule and subject, and whether an open finding of that rule has that subject.</summary>
    public List<(string Kind, string Rule, string Subject, bool Found)> Planted { get; } = [];

    /// <summary>Nudge messages (table Notifications) by status, and the findings the sent ones named.</summary>
    public Dictionary<string, int> NudgesByStatus { get; } = new(StringComparer.Ordinal);

    public int FindingsNudged { get; set; }

    /// <summary>Action cards the security team received.</summary>
    public int CardsSent { get; set; }

    /// <summary>Each action taken from a card (table Actions): action, rule, subject, approver, status.</summary>
    public List<(string Action, string Rule, string Subject, string Approver, string Status)> Actions { get; } = [];

    public int ActiveWaivers { get; set; }
}
