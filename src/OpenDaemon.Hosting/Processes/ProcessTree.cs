using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

// Overview
//
// A ProcessTree is every process one app instance run started, however it got there: children that
// stay in the app's session, and those that called setsid or double-forked. Two ways to know them:
//
// - cgroup v2 (CgroupPath set): the app was moved into its own cgroup right after the spawn, with
//   whatever it forked before the move (CgroupTree.Adopt), or by the exec shim before its exec; from
//   then on everything it forks is born there. Members, signals, "is it empty" and the final kill are exact
//   and cost a few reads of cgroup files.
//
// - fallback (no cgroup): the members are found in a /proc snapshot (ProcSnapshot, shared between
//   trees) as the descendants, by parent pid, of a set of roots: the app's first process (if it still
//   is the same process: its start time is checked, so a reused pid is never taken for it), every
//   member seen before (remembered with its start time), and each process re-parented to this daemon
//   (it is a child subreaper, so orphans of its apps come to it) or, for a tree left by a previous
//   daemon, anywhere on the machine, whose environment carries the run's marker (OD_TREE=<marker>,
//   set at spawn and inherited by every descendant that does not clear its environment).
//
// Thread-safety: the remembered set is guarded by a lock; everything else is immutable. Callers are
// the instance actor (signals, exists) and the crash recovery at start-up; both may call at any time.
/// <summary>Every process of one app instance run, found through its cgroup or, without one, through /proc; see the overview in the source.</summary>
public sealed class ProcessTree
{
    /// <summary>The environment variable that marks every process of a run (the fallback's way to find orphans).</summary>
    public const string MarkerVariable = "OD_TREE";

    private const int SigKill = 9;
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromMilliseconds(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, long> _seen = [];
    private readonly bool _searchEverywhere;

    private ProcessTree(int rootPid, long rootStartTicks, string? cgroupPath, string marker, bool searchEverywhere)
    {
        RootPid = rootPid;
        RootStartTicks = rootStartTicks;
        CgroupPath = cgroupPath;
        Marker = marker;
        _searchEverywhere = searchEverywhere;
    }

    /// <summary>The app's first process (also its process group and session id).</summary>
    public int RootPid { get; }

    /// <summary>Start time of <see cref="RootPid"/> (/proc/&lt;pid&gt;/stat field 22); 0 when unknown.</summary>
    public long RootStartTicks { get; }

    /// <summary>The run's cgroup; null in the fallback.</summary>
    public string? CgroupPath { get; }

    /// <summary>The value of <see cref="MarkerVariable"/> in the run's environment; empty when not marked.</summary>
    public string Marker { get; }

    /// <summary>A new random marker for a run.</summary>
    public static string NewMarker() => Guid.NewGuid().ToString("N")[..20];

    /// <summary>The tree of a process this daemon just started (reads its start time now).</summary>
    public static ProcessTree ForStarted(int rootPid, string? cgroupPath, string marker)
    {
        Span<byte> buffer = stackalloc byte[ProcStat.BufferSize];
        long start = ProcStat.TryRead(rootPid, buffer, out ProcStat stat) ? stat.StartTicks : 0;
        return new ProcessTree(rootPid, start, cgroupPath, marker, searchEverywhere: false);
    }

    /// <summary>The tree of a run recorded by a previous daemon: its orphans are searched on the whole machine.</summary>
    public static ProcessTree ForRecorded(int rootPid, long rootStartTicks, string? cgroupPath, string marker) =>
        new(rootPid, rootStartTicks, cgroupPath, marker, searchEverywhere: true);

    /// <summary>Whether a live process remains.</summary>
    public bool Exists() => CgroupPath is { } cgroup
        ? CgroupTree.IsPopulated(cgroup) || RootAlive()
        : GroupSignal(0) || FindMembers(SnapshotAge).Count > 0;

    /// <summary>The live processes now (pids).</summary>
    public IReadOnlyCollection<int> Members() => CgroupPath is { } cgroup ? CgroupTree.Processes(cgroup) : FindMembers(TimeSpan.Zero);

    /// <summary>Sends <paramref name="signal"/> to every process of the tree; false when none was left.</summary>
    public bool Signal(int signal)
    {
        if (CgroupPath is { } cgroup)
        {
            // The root too: for the few milliseconds before the shim has moved into the cgroup, it is outside.
            bool root = RootAlive() && LibC.Kill(RootPid, signal) == 0;
            return CgroupTree.Signal(cgroup, signal) > 0 || root;
        }

        bool any = GroupSignal(signal);
        foreach (int pid in FindMembers(TimeSpan.Zero))
        {
            any |= LibC.Kill(pid, signal) == 0;
        }

        return any;
    }

    /// <summary>SIGKILLs the whole tree (cgroup.kill when there is one). Repeat until <see cref="Exists"/> is false.</summary>
    public void Kill()
    {
        if (CgroupPath is { } cgroup)
        {
            if (RootAlive())
            {
                _ = LibC.Kill(RootPid, SigKill);
            }

            CgroupTree.Kill(cgroup);
            return;
        }

        _ = Signal(SigKill);
    }

    /// <summary>Removes the run's cgroup once it is empty; true when there is nothing left to remove.</summary>
    public bool TryRelease() => CgroupPath is not { } cgroup || CgroupTree.TryRemove(cgroup);

    // The root of a run of this daemon is its child: until the reaper has reaped it, its pid cannot be
    // reused, and the start time rules out a later process for a recorded run.
    private bool RootAlive()
    {
        Span<byte> buffer = stackalloc byte[ProcStat.BufferSize];
        return RootPid > 0 && ProcStat.TryRead(RootPid, buffer, out ProcStat stat) && !stat.IsZombie && (RootStartTicks == 0 || stat.StartTicks == RootStartTicks);
    }

    // The process group catches members that cleared their environment and lost their parent. Only for a
    // run of this daemon: its root is our child, so the group id cannot be reused while members remain.
    // A recorded run's group is reached through its members instead (its id may belong to someone else now).
    private bool GroupSignal(int signal) =>
        !_searchEverywhere && RootPid > 1 && RootPid != LibC.GetProcessGroup() && LibC.Kill(-RootPid, signal) is 0 or Errno.NotPermitted;

    private HashSet<int> FindMembers(TimeSpan maxAge)
    {
        ProcSnapshot snapshot = maxAge == TimeSpan.Zero ? ProcSnapshot.Take() : ProcSnapshot.Recent(maxAge);
        var members = new HashSet<int>();
        if (snapshot.TryGet(RootPid, RootStartTicks, out _))
        {
            members.Add(RootPid);
        }

        lock (_gate)
        {
            foreach ((int pid, long start) in _seen)
            {
                if (snapshot.TryGet(pid, start, out _))
                {
                    members.Add(pid);
                }
            }
        }

        if (Marker.Length > 0)
        {
            IEnumerable<ProcStat> candidates = _searchEverywhere
                ? snapshot.Processes
                : snapshot.ChildrenOf(Environment.ProcessId).Select(pid => snapshot.TryGet(pid, 0, out ProcStat stat) ? stat : default);
            foreach (ProcStat candidate in candidates)
            {
                if (candidate.Pid > 0 && candidate.Pid != Environment.ProcessId && !members.Contains(candidate.Pid) && ProcessMarker.Has(candidate, Marker))
                {
                    members.Add(candidate.Pid);
                }
            }
        }

        foreach (int root in members.ToList())
        {
            snapshot.AddDescendants(root, members);
        }

        members.Remove(Environment.ProcessId);
        lock (_gate)
        {
            _seen.Clear();
            foreach (int pid in members)
            {
                if (snapshot.TryGet(pid, 0, out ProcStat stat))
                {
                    _seen[pid] = stat.StartTicks;
                }
            }
        }

        return members;
    }
}
