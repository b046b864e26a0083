using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Memory and CPU of whole app trees, from one pass over /proc. Each app leads its own session, so
/// "the tree" is every live process of that session; a descendant that calls setsid (a daemonizing
/// app) leaves it and is not counted.
/// </summary>
/// <remarks>
/// Allocation per call: the result dictionary and the directory enumerator; nothing per process (the
/// path and the read buffer are reused). The cost is the kernel's: one open/read/close of
/// /proc/&lt;pid&gt;/stat per process, about 20-30 µs each on a small VM. Not thread-safe: use one
/// instance per sampling loop.
/// </remarks>
public sealed class ProcessTreeSampler
{
    private static readonly long PageSize = Environment.SystemPageSize;
    private static readonly Lazy<long> LazyClockTicks = new(LibC.ClockTicksPerSecond);

    private readonly byte[] _buffer = new byte[ProcStat.BufferSize];
    private int _lastSessionCount;

    /// <summary>Creates a sampler with its own read buffer.</summary>
    public ProcessTreeSampler()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("process sampling reads /proc and needs Linux");
        }
    }

    /// <summary>sysconf(_SC_CLK_TCK): the unit of <see cref="TreeUsage.CpuTicks"/>.</summary>
    public static long ClockTicksPerSecond => LazyClockTicks.Value;

    /// <summary>Usage per session id, summed over every live process of the session (kernel threads excluded).</summary>
    public IReadOnlyDictionary<int, TreeUsage> SampleSessions() => SampleSessions(null);

    /// <summary>
    /// As <see cref="SampleSessions()"/>, and for the sessions in <paramref name="detailed"/> also open files
    /// and I/O (<see cref="TreeUsage.Details"/>): two more reads per process of those sessions only, so a
    /// metrics pass over 1,000 apps does not pay them for every other process on the machine.
    /// </summary>
    public IReadOnlyDictionary<int, TreeUsage> SampleSessions(IReadOnlySet<int>? detailed)
    {
        // Sized like the last result: growing a dictionary of hundreds of sessions is most of the garbage.
        var sessions = new Dictionary<int, TreeUsage>(_lastSessionCount);
        foreach (int pid in ProcFs.ProcessIds())
        {
            // A process that exits between the directory listing and the read is simply skipped.
            if (!ProcStat.TryRead(pid, _buffer, out ProcStat stat) || stat.IsZombie || stat.SessionId <= 0)
            {
                continue;
            }

            sessions.TryGetValue(stat.SessionId, out TreeUsage sum);
            TreeDetails? details = sum.Details;
            if (detailed is not null && detailed.Contains(stat.SessionId))
            {
                details = AddDetails(pid, details ?? default);
            }

            sessions[stat.SessionId] = new TreeUsage(
                sum.ResidentBytes + (stat.ResidentPages * PageSize),
                sum.CpuTicks + stat.UserTicks + stat.SystemTicks,
                sum.ProcessCount + 1,
                sum.UserTicks + stat.UserTicks,
                sum.SystemTicks + stat.SystemTicks,
                sum.Threads + stat.Threads,
                details);
        }

        _lastSessionCount = sessions.Count;
        return sessions;
    }

    private TreeDetails AddDetails(int pid, TreeDetails sum)
    {
        int files = ProcDetails.CountOpenFiles(pid);
        bool io = ProcDetails.TryReadIo(pid, _buffer, out long readChars, out long writeChars, out long readBytes, out long writeBytes);
        return new TreeDetails(
            sum.OpenFiles + Math.Max(0, files),
            sum.ReadBytes + readBytes,
            sum.WriteBytes + writeBytes,
            sum.ReadChars + readChars,
            sum.WriteChars + writeChars,
            sum.Unreadable + (files < 0 || !io ? 1 : 0));
    }
}
