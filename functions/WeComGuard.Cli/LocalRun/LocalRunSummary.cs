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

    public int MessagesToSecurityTeam { get; set; }

    /// <summary>For each finding a callback's re-check opened: the time from the callback's arrival to the finding.</summary>
    public List<TimeSpan> RecheckLatencies { get; } = [];

    /// <summary>Each planted violation that names one rule and subject, and whether an open finding of that rule has that subject.</summary>
    public List<(string Kind, string Rule, string Subject, bool Found)> Planted { get; } = [];
}
