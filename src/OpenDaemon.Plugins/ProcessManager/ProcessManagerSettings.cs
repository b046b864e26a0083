namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>Where the process manager keeps its files, given by the daemon that hosts it.</summary>
public sealed record ProcessManagerSettings
{
    /// <summary>Directory of the apps' stdout/stderr logs (<c>$OD_HOME/logs</c>).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>The saved process list (<c>$OD_HOME/dump.json</c>).</summary>
    public required string DumpPath { get; init; }

    /// <summary>Directory for per-instance NOTIFY_SOCKETs; keep it short (socket paths are limited to 108 bytes).</summary>
    public required string NotifyDirectory { get; init; }

    /// <summary>The <c>od</c> binary, used as exec shim to apply uid/gid/nice/umask; null when the daemon is not running from it.</summary>
    public string? ShimExecutable { get; init; }

    /// <summary>
    /// Where the daemon writes the Node preload of cluster mode at start (<c>$OD_HOME/state/cluster-preload.cjs</c>);
    /// null: Node apps in cluster mode get the socket at fd 3 but no preload.
    /// </summary>
    public string? NodePreloadPath { get; init; }

    /// <summary>
    /// The Node runtime-metrics channel: Node apps get its preload and socket (unless <c>metrics.runtime: false</c>);
    /// null when the metrics plugin does not run.
    /// </summary>
    public Metrics.Runtime.RuntimeMetricsChannel? RuntimeMetrics { get; init; }

    /// <summary>
    /// The HTTP proxy of the request-level cluster strategies (<c>cluster.sticky</c>, <c>cluster.routeByHeader</c>);
    /// null: apps that ask for them fail to start, saying so.
    /// </summary>
    public Abstractions.IRequestProxyHost? RequestProxy { get; init; }

    /// <summary>Reap orphaned descendants of apps (become a child subreaper). Off only in tests that share a process.</summary>
    public bool ReapOrphans { get; init; } = true;

    /// <summary>
    /// Directory of the run records (<c>$OD_HOME/state/running</c>): one file per running instance, so that
    /// after a daemon crash the next daemon ends what the dead one left running before it starts anything.
    /// Null: no records and no recovery (tests that host the plugin in-process).
    /// </summary>
    public string? RunStateDirectory { get; init; }

    /// <summary>
    /// Give each instance run a cgroup v2 of its own where the daemon may create one (exact tracking of
    /// every process an app starts). Off, or where cgroups are unavailable: the /proc fallback.
    /// The daemon turns it off when <c>OD_CGROUPS=off</c>.
    /// </summary>
    public bool UseCgroups { get; init; }
}
