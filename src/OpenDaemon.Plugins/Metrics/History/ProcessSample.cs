namespace OpenDaemon.Plugins.Metrics.History;

/// <summary>
/// One pass of one instance as the history keeps it (encoded by <see cref="ProcessSeries"/>). Memory and I/O
/// are in KiB (an int holds 2 TiB), I/O as the amount since the previous pass, time as seconds since the
/// history's epoch; CPU is NaN when the pass could not tell it.
/// </summary>
internal readonly record struct ProcessSample(int AtSeconds, float CpuPercent, int MemoryKiB, int OpenFiles, int Threads, int IoReadKiB, int IoWriteKiB);
