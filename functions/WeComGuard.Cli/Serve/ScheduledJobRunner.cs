using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Cli.Serve;

/// <summary>Runs each scheduled job on its NCRONTAB schedule (UTC), as the timer triggers do; jobs without a schedule setting run only on demand.</summary>
internal sealed class ScheduledJobRunner(IEnumerable<IScheduledJob> jobs, IConfiguration configuration, TimeProvider time, ILogger<ScheduledJobRunner> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, stoppingToken)));

    private async Task RunOnScheduleAsync(IScheduledJob job, CancellationToken stoppingToken)
    {
        var expression = configuration[job.ScheduleSetting];
        if (string.IsNullOrWhiteSpace(expression))
        {
            logger.LogInformation("{Job} has no schedule ({Setting} is not set); it runs on demand only (POST /admin/jobs/{Job}).", job.Name, job.ScheduleSetting, job.Name);
            return;
        }

        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        if (schedule is null)
        {
            logger.LogError("{Job}: {Setting} = '{Expression}' is not an NCRONTAB expression; the job will not run on a schedule.", job.Name, job.ScheduleSetting, expression);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                await job.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "{Job} failed.", job.Name);
            }
        }
    }
}
