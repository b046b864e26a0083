using System.Diagnostics;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// One pass over /proc: every live process with its parent, session and start time, and who is whose
/// child. Shared by the process trees of the fallback (no cgroups), so that many apps stopping at
/// once (a daemon shutdown) cost one pass per interval instead of one per app and poll.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="Recent"/> hands out immutable snapshots; the cache is one reference
/// swapped under a lock. The age is measured with <see cref="Stopwatch"/>: it only bounds how stale a
/// cached answer may be and never decides behaviour, so it does not go through a TimeProvider.
/// </remarks>
internal sealed class ProcSnapshot
{
    private static readonly Lock Gate = new();
    private static ProcSnapshot? _cached;

    private readonly Dictionary<int, ProcStat> _processes;
    private readonly Dictionary<int, List<int>> _children;
    private readonly long _takenAt;

    private ProcSnapshot(Dictionary<int, ProcStat> processes, long takenAt)
    {
        _processes = processes;
        _takenAt = takenAt;
        _children = [];
        foreach (ProcStat stat in processes.Values)
        {
            if (!_children.TryGetValue(stat.ParentPid, out List<int>? list))
            {
                _children[stat.ParentPid] = list = [];
            }

            list.Add(stat.Pid);
        }
    }

    public IEnumerable<ProcStat> Processes => _processes.Values;

    /// <summary>A snapshot no older than <paramref name="maxAge"/> (a new one when the cached one is older).</summary>
    public static ProcSnapshot Recent(TimeSpan maxAge)
    {
        lock (Gate)
        {
            if (_cached is { } cached && Stopwatch.GetElapsedTime(cached._takenAt) <= maxAge)
            {
                return cached;
            }
        }

        ProcSnapshot fresh = Take();
        lock (Gate)
        {
            _cached = fresh;
        }

        return fresh;
    }

    public static ProcSnapshot Take()
    {
        var processes = new Dictionary<int, ProcStat>();
        byte[] buffer = new byte[ProcStat.BufferSize];
        foreach (int pid in ProcFs.ProcessIds())
        {
            // Zombies are dead: they hold no resources and cannot be signalled into anything.
            if (ProcStat.TryRead(pid, buffer, out ProcStat stat) && !stat.IsZombie)
            {
                processes[pid] = stat;
            }
        }

        return new ProcSnapshot(processes, Stopwatch.GetTimestamp());
    }

    /// <summary>The live process <paramref name="pid"/> if it still is the one that started at <paramref name="startTicks"/> (0: any).</summary>
    public bool TryGet(int pid, long startTicks, out ProcStat stat) =>
        _processes.TryGetValue(pid, out stat) && (startTicks == 0 || stat.StartTicks == startTicks);

    /// <summary>Adds <paramref name="pid"/>'s live descendants (by parent pid) to <paramref name="into"/>.</summary>
    public void AddDescendants(int pid, HashSet<int> into)
    {
        var pending = new Stack<int>();
        pending.Push(pid);
        while (pending.Count > 0)
        {
            if (!_children.TryGetValue(pending.Pop(), out List<int>? children))
            {
                continue;
            }

            foreach (int child in children)
            {
                if (into.Add(child))
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>The live children of <paramref name="pid"/>.</summary>
    public IReadOnlyList<int> ChildrenOf(int pid) => _children.TryGetValue(pid, out List<int>? children) ? children : [];
}
