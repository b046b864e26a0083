namespace OpenDaemon.Config.Model;

/// <summary>Resource limits (spec §3.12; key <c>limits</c>).</summary>
public sealed record ResourceLimits
{
    /// <summary>Memory limit, or null.</summary>
    public MemoryLimit? Memory { get; init; }

    /// <summary>CPU limit, or null.</summary>
    public CpuLimit? Cpu { get; init; }

    /// <summary>Event loop latency limit, or null.</summary>
    public EventLoopLatencyLimit? EventLoopLatency { get; init; }

    /// <summary>Maximum open file descriptors (RLIMIT_NOFILE), or null.</summary>
    public int? MaxOpenFiles { get; init; }

    /// <summary>Maximum child processes, or null.</summary>
    public int? MaxChildren { get; init; }
}
