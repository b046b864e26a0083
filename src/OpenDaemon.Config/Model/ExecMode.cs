namespace OpenDaemon.Config.Model;

/// <summary>How instances run (spec §3.1 <c>mode</c>; PM2 <c>exec_mode</c>).</summary>
public enum ExecMode
{
    /// <summary>Each instance is an independent process.</summary>
    Fork,

    /// <summary>Instances share the app's port through the cluster manager.</summary>
    Cluster,
}
