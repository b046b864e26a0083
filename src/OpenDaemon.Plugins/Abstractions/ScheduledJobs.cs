using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// Which apps are scheduled jobs: a <c>cron</c> schedule with <c>autoRestart: false</c>. The process
/// manager registers them without starting them and the scheduler starts each run; an app with a
/// schedule and any other restart policy is long-running and restarted on the schedule (PM2's
/// <c>cron_restart</c>).
/// </summary>
public static class ScheduledJobs
{
    /// <summary>True for an app whose runs the scheduler starts.</summary>
    public static bool IsJob(ProcessConfig config) => config.Schedule is not null && config.AutoRestart == RestartPolicy.Never;
}
