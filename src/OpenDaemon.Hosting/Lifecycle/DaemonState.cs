namespace OpenDaemon.Hosting.Lifecycle;

/// <summary>Where a daemon is in its life: stopped → starting → running → stopping → stopped.</summary>
public enum DaemonState
{
    /// <summary>Not running; the initial and final state.</summary>
    Stopped,

    /// <summary>Taking the PID lock.</summary>
    Starting,

    /// <summary>Holding the lock and serving.</summary>
    Running,

    /// <summary>Running shutdown handlers; the lock is released on the way to stopped.</summary>
    Stopping,
}
