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

    /// <summary><see cref="SampleManagedSessions"/> reads every process at least this often (in calls).</summary>
    public const int FullWalkEvery = 12;

    // For SampleManagedSessions only: the last result, and the session of every process read in the last pass
    // (or carried over from it), which is how a process is recognised without reading it.
    private Dictionary<int, TreeUsage> _lastSessions = [];
    private Dictionary<int, TreeUsage> _sessionsSpare = [];
    private Dictionary<int, int> _sessionOfPid = [];
    private Dictionary<int, int> _sessionOfPidSpare = [];
    private long _managedPasses;

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
            if (ProcStat.TryRead(pid, _buffer, out ProcStat stat) && !stat.IsZombie && stat.SessionId > 0)
            {
                Add(sessions, pid, stat, detailed is not null && detailed.Contains(stat.SessionId));
            }
        }

        _lastSessionCount = sessions.Count;
        return sessions;
    }

    /// <summary>
    /// Usage with details of the sessions in <paramref name="managed"/> only, for a caller that samples the same
    /// sessions again and again (the metrics collector), reading as little of /proc as it can. A process is not read
    /// again when the previous pass found it in a session that is not managed (another program's), or in one of
    /// <paramref name="unchanged"/>, which the caller knows did not run since that pass (its cgroup's CPU time did
    /// not move); for those the previous pass's usage is returned. With 1,000 idle apps a pass then lists /proc
    /// and reads nothing of it. Every <see cref="FullWalkEvery"/>-th call reads every process, so that a pid reused
    /// by a new process of a managed session (the only way the shortcut can miss one) is found within that many passes.
    /// The result is valid until the next call (its dictionary is reused: a pass with 1,000 apps allocates nothing here).
    /// </summary>
    public IReadOnlyDictionary<int, TreeUsage> SampleManagedSessions(IReadOnlySet<int> managed, IReadOnlySet<int> unchanged)
    {
        bool fullWalk = _managedPasses++ % FullWalkEvery == 0;
        var sessions = _sessionsSpare;
        sessions.Clear();
        var sessionOfPid = _sessionOfPidSpare;
        sessionOfPid.Clear();
        foreach (int pid in ProcFs.ProcessIds())
        {
            if (!fullWalk && _sessionOfPid.TryGetValue(pid, out int known)
                && (!managed.Contains(known) || (unchanged.Contains(known) && _lastSessions.ContainsKey(known))))
            {
                sessionOfPid[pid] = known;
                continue;
            }

            if (!ProcStat.TryRead(pid, _buffer, out ProcStat stat) || stat.IsZombie || stat.SessionId <= 0)
            {
                continue;
            }

            sessionOfPid[pid] = stat.SessionId;
            if (managed.Contains(stat.SessionId))
            {
                Add(sessions, pid, stat, detailed: true);
            }
        }

        // A process of an unchanged session that the previous pass did not see (one moved into it from outside, the
        // only way one can appear without the session running) was read above; its session is then what was read.
        foreach (int session in unchanged)
        {
            if (!sessions.ContainsKey(session) && _lastSessions.TryGetValue(session, out TreeUsage carried))
            {
                sessions[session] = carried;
            }
        }

        (_sessionOfPid, _sessionOfPidSpare) = (sessionOfPid, _sessionOfPid);
        (_lastSessions, _sessionsSpare) = (sessions, _lastSessions);
        return sessions;
    }

    private void Add(Dictionary<int, TreeUsage> sessions, int pid, ProcStat stat, bool detailed)
    {
        sessions.TryGetValue(stat.SessionId, out TreeUsage sum);
        TreeDetails? details = sum.Details;
        if (detailed)
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
