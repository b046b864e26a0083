namespace OpenDaemon.Hosting.Processes;

/// <summary>Resource use of one session (an app and every live descendant that stayed in its session).</summary>
/// <param name="ResidentBytes">Sum of resident set sizes. Shared pages count once per process, like ps and PM2 do.</param>
/// <param name="CpuTicks">
/// Sum of utime + stime of the live processes, in <see cref="ProcessTreeSampler.ClockTicksPerSecond"/> units.
/// Children that already exited (cutime/cstime) are not included, so the value may drop when a process ends:
/// compute CPU % from the difference between two samples and ignore negative steps.
/// </param>
/// <param name="ProcessCount">Live (non-zombie) processes in the session.</param>
/// <param name="UserTicks">The user-mode part of <paramref name="CpuTicks"/>.</param>
/// <param name="SystemTicks">The kernel-mode part of <paramref name="CpuTicks"/>.</param>
/// <param name="Threads">Threads of the live processes.</param>
/// <param name="Details">Open files and I/O, when the sample was asked for them for this session; else null.</param>
public readonly record struct TreeUsage(
    long ResidentBytes,
    long CpuTicks,
    int ProcessCount,
    long UserTicks = 0,
    long SystemTicks = 0,
    int Threads = 0,
    TreeDetails? Details = null);

/// <summary>
/// What costs extra reads per process (/proc/&lt;pid&gt;/fd and /proc/&lt;pid&gt;/io), summed over the session.
/// Processes of another user cannot be read by an unprivileged daemon: they are left out and counted in
/// <paramref name="Unreadable"/>.
/// </summary>
/// <param name="OpenFiles">Open file descriptors.</param>
/// <param name="ReadBytes">Bytes the processes caused to be read from storage (<c>read_bytes</c>).</param>
/// <param name="WriteBytes">Bytes the processes caused to be written to storage (<c>write_bytes</c>).</param>
/// <param name="ReadChars">Bytes passed to read(2) and the like, sockets and pipes included (<c>rchar</c>).</param>
/// <param name="WriteChars">Bytes passed to write(2) and the like (<c>wchar</c>).</param>
/// <param name="Unreadable">Processes whose fd or io file could not be read.</param>
public readonly record struct TreeDetails(int OpenFiles, long ReadBytes, long WriteBytes, long ReadChars, long WriteChars, int Unreadable);
