namespace OpenDaemon.Config.Model;

/// <summary>What the resource limiter does when a limit is exceeded (spec §3.12).</summary>
public enum LimitAction
{
    /// <summary>Log and notify.</summary>
    Warn,

    /// <summary>Lower the process's CPU share (CPU only).</summary>
    Throttle,

    /// <summary>Restart the instance.</summary>
    Restart,

    /// <summary>Stop the instance.</summary>
    Stop,
}
