namespace WeComGuard.Core.Notifications;

/// <summary>What one SendNudges run did.</summary>
public sealed record NudgeRunResult(bool QuietHours, int Sent, int Failed, int Unknown, int AlreadyToday, int Escalated, int CardsSent, int CardsFailed)
{
    public static NudgeRunResult Quiet { get; } = new(true, 0, 0, 0, 0, 0, 0, 0);
}
