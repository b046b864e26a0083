namespace OpenDaemon.Contracts.Rpc;

/// <summary>Names of the JSON-RPC methods the daemon answers (spec §5.4).</summary>
public static class RpcMethods
{
    /// <summary>Cheap liveness probe; returns <see cref="Daemon.PingResult"/>.</summary>
    public const string DaemonPing = "daemon.ping";

    /// <summary>Version information; returns <see cref="Daemon.VersionInfo"/>.</summary>
    public const string DaemonVersion = "daemon.version";

    /// <summary>Daemon health and resource use; returns <see cref="Daemon.DaemonStatusInfo"/>.</summary>
    public const string DaemonStatus = "daemon.status";

    /// <summary>Graceful shutdown; answers first, then stops.</summary>
    public const string DaemonShutdown = "daemon.shutdown";
}
