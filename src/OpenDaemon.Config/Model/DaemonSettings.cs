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

    /// <summary>
    /// A group (name or gid) whose members may connect to the socket: it becomes mode 0660 owned by that
    /// group, and its directory gains group search. Null (the default): the socket stays 0600, owner only.
    /// </summary>
    public string? SocketGroup { get; init; }

    /// <summary>
    /// <c>none</c> (default) or <c>token</c>: with <c>token</c>, every peer of another uid must answer the
    /// socket's challenge with the token in <c>$OD_HOME/auth-token</c> before any request is served.
    /// </summary>
    public bool SocketTokenRequired { get; init; }

    /// <summary>Requests per second one user may send over the socket, on average (default 500).</summary>
    public int SocketRequestsPerSecond { get; init; } = 500;

    /// <summary>Requests one user may send at once over the socket above the average (default 1000).</summary>
    public int SocketBurst { get; init; } = 1000;
}
