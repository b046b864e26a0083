namespace OpenDaemon.Contracts.Daemon;

/// <summary>Answer to <c>daemon.status</c>: what an operator needs to know about the daemon itself.</summary>
public sealed record DaemonStatusInfo
{
    /// <summary>Process id of the daemon.</summary>
    public required int Pid { get; init; }

    /// <summary>Lifecycle state: starting, running or stopping.</summary>
    public required string State { get; init; }

    /// <summary>OpenDaemon's version.</summary>
    public required string Version { get; init; }

    /// <summary>When the daemon started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Seconds since start.</summary>
    public required double UptimeSeconds { get; init; }

    /// <summary>The IPC socket the daemon listens on.</summary>
    public required string Socket { get; init; }

    /// <summary>The daemon's home directory (logs, dump, secrets).</summary>
    public required string Home { get; init; }

    /// <summary>The configuration file the daemon runs, if any.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Resident set size of the daemon, in bytes.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>Managed heap size, in bytes.</summary>
    public required long ManagedHeapBytes { get; init; }

    /// <summary>Operating-system threads of the daemon process.</summary>
    public required int Threads { get; init; }

    /// <summary>Open IPC connections, this one included.</summary>
    public required int Connections { get; init; }

    /// <summary>True when every self-check of the daemon passes.</summary>
    public required bool Healthy { get; init; }

    /// <summary>Result of each self-check, by name: null message when it passed.</summary>
    public required IReadOnlyDictionary<string, string?> Checks { get; init; }

    /// <summary>The metrics exporters (StatsD, OTLP) with their counts and failures; null when none is configured.</summary>
    public IReadOnlyList<Metrics.ExporterStatus>? Exporters { get; init; }

    /// <summary>The REST/WebSocket API's base URL (<c>http://127.0.0.1:9615</c>), or null when it is off.</summary>
    public string? Api { get; init; }

    /// <summary>WebSocket clients connected to the API now, or null when it is off.</summary>
    public long? ApiWebSocketClients { get; init; }
}
