namespace WeComGuard.Core.Hosting;

/// <summary>
/// A job that runs on a schedule: a timer function in Azure, and on demand (or on its schedule) under <c>wecomguard serve</c>.
/// </summary>
public interface IScheduledJob
{
    /// <summary>The function name, e.g. <c>SyncDirectory</c>.</summary>
    string Name { get; }

    /// <summary>The app setting holding the NCRONTAB schedule, e.g. <c>DirectorySyncSchedule</c>.</summary>
    string ScheduleSetting { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
