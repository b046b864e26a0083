namespace OpenDaemon.Config.Model;

/// <summary>Deployment strategies (spec §3.6).</summary>
public enum DeployStrategy
{
    /// <summary>Replace instances one by one.</summary>
    Rolling,

    /// <summary>Start a new set, switch, tear down the old.</summary>
    BlueGreen,

    /// <summary>Route a share of traffic to the new version.</summary>
    Canary,

    /// <summary>Stop all, start all.</summary>
    Recreate,

    /// <summary>Route by header or cookie.</summary>
    AB,
}
