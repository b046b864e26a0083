namespace OpenDaemon.Config.Model;

/// <summary>What happens when a health check crosses its failure threshold.</summary>
public enum HealthCheckAction
{
    /// <summary>Restart the instance (default).</summary>
    Restart,

    /// <summary>Stop the instance.</summary>
    Stop,

    /// <summary>Only send notifications.</summary>
    Notify,

    /// <summary>Only record the state.</summary>
    None,
}
