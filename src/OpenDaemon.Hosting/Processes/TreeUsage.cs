namespace OpenDaemon.Hosting.Processes;

/// <summary>Resource use of one session (an app and every live descendant that stayed in its session).</summary>
/// <param name="ResidentBytes">Sum of resident set sizes. Shared pages count once per process, like ps and PM2 do.</param>
/// <param name="CpuTicks">
/// Sum of utime + stime of the live processes, in <see cref="ProcessTreeSampler.ClockTicksPerSecond"/> units.
/// Children that already exited (cutime/cstime) are not included, so the value may drop when a process ends:
/// compute CPU % from the difference between two samples and ignore negative steps.
/// </param>
/// <param name="ProcessCount">Live (non-zombie) processes in the session.</param>
public readonly record struct TreeUsage(long ResidentBytes, long CpuTicks, int ProcessCount);
