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

    // For SampleSessions(detailed, unchanged) only: the last result, and the session of every process read
    // in the last pass (or carried over from it), which is how a process of an unchanged session is
    // recognised without reading it.
    private IReadOnlyDictionary<int, TreeUsage> _lastSessions = new Dictionary<int, TreeUsage>();
    private Dictionary<int, int> _sessionOfPid = [];
    private Dictionary<int, int> _sessionOfPidSpare = [];

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
    public IReadOnlyDictionary<int, TreeUsage> SampleSessions(IReadOnlySet<int>? detailed) => SampleSessions(detailed, null);

    /// <summary>
    /// As <see cref="SampleSessions(IReadOnlySet{int})"/>, except for the sessions in <paramref name="unchanged"/>, which
    /// the caller knows did not run since this sampler's previous pass (their cgroup's CPU time did not move):
    /// their processes, known by the session they had in that pass, are not read again and the session's
    /// previous usage is returned. With 1,000 idle apps that spares three of every four files a pass opens.
    /// A process of such a session that the previous pass did not see (one moved into it from outside, the
    /// only way one can appear without the session running) is read and counted instead of the carried usage.
    /// </summary>
    public IReadOnlyDictionary<int, TreeUsage> SampleSessions(IReadOnlySet<int>? detailed, IReadOnlySet<int>? unchanged)
    {
        // Sized like the last result: growing a dictionary of hundreds of sessions is most of the garbage.
        var sessions = new Dictionary<int, TreeUsage>(_lastSessionCount);
        Dictionary<int, int>? sessionOfPid = null;
        if (unchanged is not null)
        {
            sessionOfPid = _sessionOfPidSpare;
            sessionOfPid.Clear();
        }

        foreach (int pid in ProcFs.ProcessIds())
        {
            if (sessionOfPid is not null && _sessionOfPid.TryGetValue(pid, out int known) && unchanged!.Contains(known) && _lastSessions.ContainsKey(known))
            {
                sessionOfPid[pid] = known;
                continue;
            }

            // A process that exits between the directory listing and the read is simply skipped.
            if (!ProcStat.TryRead(pid, _buffer, out ProcStat stat) || stat.IsZombie || stat.SessionId <= 0)
            {
                continue;
            }

            sessionOfPid?.TryAdd(pid, stat.SessionId);
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

        if (sessionOfPid is not null)
        {
            foreach (int session in unchanged!)
            {
                if (!sessions.ContainsKey(session) && _lastSessions.TryGetValue(session, out TreeUsage carried))
                {
                    sessions[session] = carried;
                }
            }

            (_sessionOfPid, _sessionOfPidSpare) = (sessionOfPid, _sessionOfPid);
            _lastSessions = sessions;
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
