namespace OpenDaemon.Contracts.Metrics;

/// <summary>One step of an instance's history: means of the passes in the step, I/O summed.</summary>
public sealed record ProcessPoint
{
    /// <summary>Start of the step.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Mean CPU in percent of one core.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Mean resident memory in bytes.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>Mean open file descriptors.</summary>
    public required int OpenFiles { get; init; }

    /// <summary>Mean threads.</summary>
    public required int Threads { get; init; }

    /// <summary>Bytes read from storage during the step.</summary>
    public required long IoReadBytes { get; init; }

    /// <summary>Bytes written to storage during the step.</summary>
    public required long IoWriteBytes { get; init; }
}
