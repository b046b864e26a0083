namespace OpenDaemon.Config.Model;

/// <summary>
/// The <c>daemon</c> section of a configuration file (spec §4.2). Paths are absolute. Read when a daemon
/// starts with the file (<c>od daemon start -c FILE</c>); spec's <c>socketPath</c> is refused (use <c>OD_SOCKET</c>).
/// </summary>
public sealed record DaemonSettings
{
    /// <summary>Least severe level of the daemon's own log: trace, debug, info, warn, error, fatal.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>PID file, or null for the default under the runtime directory.</summary>
    public string? PidFile { get; init; }

    /// <summary>Log directory, or null for <c>$OD_HOME/logs</c>.</summary>
    public string? LogDir { get; init; }

    /// <summary>How long a daemon shutdown may take; default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
