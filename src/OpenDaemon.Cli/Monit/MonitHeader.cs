namespace OpenDaemon.Cli.Monit;

/// <summary>The dashboard's top line: the daemon's version and uptime, the machine's CPU and memory.</summary>
internal sealed record MonitHeader
{
    public string? Version { get; init; }

    public DateTimeOffset? DaemonStartedAt { get; init; }

    public double? CpuPercent { get; init; }

    public long? MemoryUsedBytes { get; init; }

    public long? MemoryTotalBytes { get; init; }
}
