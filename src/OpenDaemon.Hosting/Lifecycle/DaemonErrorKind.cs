namespace OpenDaemon.Hosting.Lifecycle;

/// <summary>Why a lifecycle operation failed (the toolkit's DaemonErrorCode).</summary>
public enum DaemonErrorKind
{
    /// <summary>Start was refused: this daemon is not stopped, or another process holds the lock.</summary>
    AlreadyRunning,

    /// <summary>Stop was requested while the daemon was not running.</summary>
    NotRunning,

    /// <summary>Shutdown handlers overran the shutdown timeout; the lock was released anyway.</summary>
    ShutdownTimeout,

    /// <summary>The PID or lock file could not be created, written or removed.</summary>
    PidError,

    /// <summary>Start failed for another reason.</summary>
    StartFailed,

    /// <summary>One or more shutdown handlers threw; every handler still ran and the lock was released.</summary>
    ShutdownFailed,
}
