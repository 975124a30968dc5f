using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Notifications;

namespace WeComGuard.Functions.Notifications;

/// <summary>Timer for the nudges and the security team's action cards; the schedule is the NCRONTAB in app setting <c>NudgeSchedule</c> (UTC).</summary>
public sealed class SendNudgesFunction
{
    private readonly NudgeDispatcher _nudges;

    public SendNudgesFunction(NudgeDispatcher nudges)
    {
        ArgumentNullException.ThrowIfNull(nudges);
        _nudges = nudges;
    }

    [Function("SendNudges")]
    public Task RunAsync([TimerTrigger("%NudgeSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _nudges.RunAsync(cancellationToken);
}
