namespace OpenDaemon.Contracts.Metrics;

/// <summary>
/// An app run's cgroup v2 accounting since the run started: every process that ran in it, those that already
/// exited or left the app's session included. Memory and I/O exist only where those controllers are enabled
/// for the daemon's cgroups (never on a hybrid v1/v2 host).
/// </summary>
public sealed record CgroupMetrics
{
    /// <summary>CPU time in user mode (<c>cpu.stat</c> <c>user_usec</c>).</summary>
    public required double CpuUserSeconds { get; init; }

    /// <summary>CPU time in kernel mode (<c>cpu.stat</c> <c>system_usec</c>).</summary>
    public required double CpuSystemSeconds { get; init; }

    /// <summary>Memory charged to the cgroup now (<c>memory.current</c>); null without the memory controller.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Bytes read from block devices (<c>io.stat</c> <c>rbytes</c>); null without the io controller.</summary>
    public long? IoReadBytes { get; init; }

    /// <summary>Bytes written to block devices (<c>io.stat</c> <c>wbytes</c>); null without the io controller.</summary>
    public long? IoWriteBytes { get; init; }
}
