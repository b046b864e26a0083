namespace OpenDaemon.Contracts.Metrics;

/// <summary>One step of the machine's history (means of the passes in the step).</summary>
public sealed record SystemPoint
{
    /// <summary>Start of the step.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>CPU busy in percent of the machine.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Used memory (total − available).</summary>
    public required long MemoryUsedBytes { get; init; }

    /// <summary>1-minute load average.</summary>
    public required double Load1 { get; init; }
}
