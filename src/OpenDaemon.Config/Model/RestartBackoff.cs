namespace OpenDaemon.Config.Model;

/// <summary>How the delay between restarts grows (spec §3.1 restart backoff; config key <c>restartStrategy</c>).</summary>
public enum RestartBackoff
{
    /// <summary>Always <c>restartDelay</c>.</summary>
    Fixed,

    /// <summary><c>restartDelay</c> × attempt.</summary>
    Linear,

    /// <summary>Doubles each attempt, with jitter (PM2 <c>exp_backoff_restart_delay</c>).</summary>
    Exponential,
}
