using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Daemon;

/// <summary>How to host one daemon.</summary>
public sealed record DaemonHostOptions
{
    /// <summary>Where the installation lives (<c>OD_HOME</c>, <c>OD_SOCKET</c>).</summary>
    public required OdEnvironment Environment { get; init; }

    /// <summary>How long a graceful stop may take before it is abandoned with SHUTDOWN_TIMEOUT.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Also write the daemon log to stderr (foreground runs under systemd or a terminal).</summary>
    public bool LogToStandardError { get; init; } = true;

    /// <summary>Stop gracefully on SIGTERM and SIGINT. Off for daemons hosted inside tests.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>Least severe level written to the daemon log.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// Where apps' log files go by default; null for <c>$OD_HOME/logs</c>. A configuration file's
    /// <c>daemon.logDir</c> sets it.
    /// </summary>
    public string? AppLogDirectory { get; init; }

    /// <summary>
    /// The PID file, or null for the default beside the lock (see <c>DaemonPaths</c>). A configuration
    /// file's <c>daemon.pidFile</c> sets it, for service managers that watch one (systemd's <c>PIDFile=</c>).
    /// </summary>
    public string? PidFile { get; init; }

    /// <summary>
    /// The configuration file the daemon runs (<c>-c FILE</c>), or null for none. Its <c>daemon</c>
    /// section overrides <see cref="ShutdownTimeout"/>, <see cref="MinimumLogLevel"/>,
    /// <see cref="AppLogDirectory"/> and <see cref="PidFile"/> where it sets them.
    /// </summary>
    public string? ConfigPath { get; init; }

    /// <summary>
    /// The executable's command line after the program name (<c>run --detached --config FILE</c>): od-daemon execs
    /// od-daemon-api with it when the config turns the API on (Startup/DaemonWithApi). Null for daemons hosted in
    /// tests, which never exec.
    /// </summary>
    public IReadOnlyList<string>? CommandLine { get; init; }

    /// <summary>
    /// Start the apps saved in dump.json (<c>od save</c>) once the daemon runs
    /// (<c>od daemon start --resurrect</c>, and <c>od daemon restart</c>, which saves first).
    /// </summary>
    public bool Resurrect { get; init; }

    /// <summary>
    /// The <c>od</c> binary the process manager uses as exec shim to run apps with uid/gid/nice/umask;
    /// null when the daemon does not run from such a binary (apps needing the shim then fail to start, saying why).
    /// </summary>
    public string? ShimExecutable { get; init; }

    /// <summary>Plugins registered besides the built-in ones (tests add deliberately faulty ones).</summary>
    public IReadOnlyList<IPlugin> ExtraPlugins { get; init; } = [];

    /// <summary>Error-boundary thresholds for every plugin.</summary>
    public CircuitBreakerOptions Breaker { get; init; } = new();

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
