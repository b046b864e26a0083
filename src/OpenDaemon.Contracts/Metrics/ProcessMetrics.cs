using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Contracts.Metrics;

/// <summary>One instance's figures, summed over its whole process tree.</summary>
public sealed record ProcessMetrics
{
    /// <summary>Instance id.</summary>
    public required int Id { get; init; }

    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>Instance number within the app.</summary>
    public required int Instance { get; init; }

    /// <summary>The app's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>State at the pass.</summary>
    public required ProcessState Status { get; init; }

    /// <summary>Main pid; null when not running.</summary>
    public int? Pid { get; init; }

    /// <summary>CPU use in percent of one core since the previous pass; null on the first pass of a run.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>User-mode CPU time of the live processes of the tree, in seconds.</summary>
    public double? CpuUserSeconds { get; init; }

    /// <summary>Kernel-mode CPU time of the live processes of the tree, in seconds.</summary>
    public double? CpuSystemSeconds { get; init; }

    /// <summary>Resident memory of the tree, in bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Open file descriptors of the tree; null when none of its processes could be read.</summary>
    public int? OpenFiles { get; init; }

    /// <summary>Threads of the tree.</summary>
    public int? Threads { get; init; }

    /// <summary>Live processes in the tree.</summary>
    public int? ProcessCount { get; init; }

    /// <summary>Bytes read from storage by the live processes (/proc/&lt;pid&gt;/io <c>read_bytes</c>).</summary>
    public long? IoReadBytes { get; init; }

    /// <summary>Bytes written to storage by the live processes (<c>write_bytes</c>).</summary>
    public long? IoWriteBytes { get; init; }

    /// <summary>Bytes passed to read calls, sockets and pipes included (<c>rchar</c>).</summary>
    public long? IoReadChars { get; init; }

    /// <summary>Bytes passed to write calls (<c>wchar</c>).</summary>
    public long? IoWriteChars { get; init; }

    /// <summary>What the kernel accounts to the run's own cgroup; null when the app has none (the /proc fallback, no cgroup v2).</summary>
    public CgroupMetrics? Cgroup { get; init; }

    /// <summary>Restarts since the app was started by a user.</summary>
    public required int Restarts { get; init; }

    /// <summary>Milliseconds since the current run started; null when not running.</summary>
    public long? UptimeMs { get; init; }

    /// <summary>The Node runtime's own figures (heap, event loop, GC), from the preload; null for other apps and until the first report.</summary>
    public NodeRuntimeMetrics? Runtime { get; init; }

    /// <summary>The series the app reports itself (counters, gauges, histograms), at its last report; null when it reports none.</summary>
    public IReadOnlyList<CustomMetric>? Custom { get; init; }

    /// <summary>The app's <c>metrics.labels</c>; null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
