namespace OpenDaemon.Plugins.Scheduler;

/// <summary>What reaches an <see cref="AppSchedule"/>'s loop.</summary>
internal abstract record ScheduleMessage
{
    /// <summary>The cron timer fired for <paramref name="Occurrence"/>.</summary>
    public sealed record Due(DateTimeOffset Occurrence) : ScheduleMessage;

    /// <summary>The retry timer fired: start attempt <paramref name="Attempt"/> of the failed run.</summary>
    public sealed record RetryDue(int Attempt) : ScheduleMessage;

    /// <summary>An instance of the app exited.</summary>
    public sealed record Exited(int? ExitCode, string? Signal, DateTimeOffset At) : ScheduleMessage;
}
