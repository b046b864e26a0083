namespace OpenDaemon.Plugins.Scheduler;

/// <summary>
/// What a schedule does to its app, behind one small seam: the process manager in the daemon
/// (<see cref="ProcessManagerTarget"/>), a fake in the scheduler's unit tests.
/// </summary>
internal interface IScheduleTarget
{
    /// <summary>True while an instance of <paramref name="app"/> is starting, online or stopping.</summary>
    bool IsRunning(string app);

    /// <summary>How many instances <paramref name="app"/> has (each run of a job starts all of them).</summary>
    int InstanceCount(string app);

    /// <summary>Starts the app's instances (a job's run).</summary>
    Task StartAsync(string app, CancellationToken cancellationToken);

    /// <summary>Restarts the app gracefully (a long-running app's scheduled restart, or a job run that replaces the previous one).</summary>
    Task RestartAsync(string app, CancellationToken cancellationToken);
}
