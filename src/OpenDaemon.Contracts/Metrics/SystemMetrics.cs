namespace OpenDaemon.Contracts.Metrics;

/// <summary>The machine's figures at one pass.</summary>
public sealed record SystemMetrics
{
    /// <summary>CPU busy time of all cores since the previous pass, in percent of the whole machine.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>The same per core (cpu0, cpu1, ...), in percent of that core.</summary>
    public required IReadOnlyList<double?> CpuPerCore { get; init; }

    /// <summary>MemTotal.</summary>
    public required long MemoryTotalBytes { get; init; }

    /// <summary>MemAvailable: what can be used without swapping.</summary>
    public required long MemoryAvailableBytes { get; init; }

    /// <summary>MemFree.</summary>
    public required long MemoryFreeBytes { get; init; }

    /// <summary>MemTotal − MemAvailable.</summary>
    public required long MemoryUsedBytes { get; init; }

    /// <summary>SwapTotal.</summary>
    public required long SwapTotalBytes { get; init; }

    /// <summary>SwapFree.</summary>
    public required long SwapFreeBytes { get; init; }

    /// <summary>Load average over 1, 5 and 15 minutes.</summary>
    public required IReadOnlyList<double> LoadAverage { get; init; }

    /// <summary>Allocated file handles of the whole system (/proc/sys/fs/file-nr).</summary>
    public required long OpenFiles { get; init; }

    /// <summary>The system's file handle limit (fs.file-max).</summary>
    public required long MaxOpenFiles { get; init; }

    /// <summary>Real (block-device backed) mounts.</summary>
    public required IReadOnlyList<DiskMetrics> Disks { get; init; }

    /// <summary>Network interfaces, loopback included.</summary>
    public required IReadOnlyList<NetworkMetrics> Networks { get; init; }
}
