namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// A stop in progress of one run: why (which decides what follows once the run is down), and where the
/// escalation stands — the stop signal went to the group, SIGKILL follows at <see cref="KillDeadline"/>.
/// </summary>
internal sealed class RunStop(StopIntent intent, string reason, DateTimeOffset killDeadline)
{
    /// <summary>Why; a user stop or a restart that arrives while stopping replaces it.</summary>
    public StopIntent Intent { get; set; } = intent;

    public string Reason { get; } = reason;

    /// <summary>When SIGKILL follows: killTimeout after the stop signal (set again when it goes, after a drain).</summary>
    public DateTimeOffset KillDeadline { get; set; } = killDeadline;

    public bool KillSent { get; set; }

    /// <summary>While a run that was handed connections drains: when the stop signal goes without its answer.</summary>
    public DateTimeOffset? DrainUntil { get; set; }

    /// <summary>
    /// True when someone asked for this stop: the run's last lines are then not kept as a crash log
    /// (spec §3.3), whatever its exit code.
    /// </summary>
    public bool WasRequested => Intent is StopIntent.User or StopIntent.Delete or StopIntent.DaemonShutdown or StopIntent.Restart or StopIntent.Replaced;
}
