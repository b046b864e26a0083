using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.Metrics.Collection;

/// <summary>
/// The cgroup accounting of each instance's run (<see cref="CgroupUsage"/>) at each pass, and which runs did not
/// run at all since the previous pass. What does not change between passes is looked up once: the run's group
/// once per pid instead of from /proc/&lt;pid&gt;/cgroup at every pass, and the controllers the groups have once
/// per parent and pass instead of trying memory.current and io.stat in every group. Used by the collector's loop only.
/// </summary>
/// <remarks>
/// A run is <em>unchanged</em> when its group's CPU time (cpu.stat, kept by the kernel to the microsecond for every
/// process in the group, whatever its session) is the same as at the previous pass, with the same pid: nothing of
/// the run executed, so none of its processes opened a file, did I/O, started a thread or exited, and /proc would
/// say what it said last time. The one thing that can change without the app running is its resident memory,
/// when the kernel reclaims pages; so an unchanged run is still read in full every <see cref="FullReadEvery"/>-th pass.
/// </remarks>
internal sealed class RunGroups
{
    /// <summary>An unchanged run is read in full at least this often (in passes; a minute at the default 5 s).</summary>
    public const int FullReadEvery = 12;

    private readonly Func<int, string?> _runGroupOf;
    private readonly Func<string, CgroupControllers> _controllersOfChildren;
    private readonly Func<string, CgroupControllers, CgroupFigures?> _read;
    private readonly Dictionary<int, Run> _byInstance = [];
    private readonly Dictionary<string, CgroupControllers> _controllersThisPass = new(StringComparer.Ordinal);

    // What ReadPass answers and uses, reused from pass to pass (see MetricsCollector's per-pass sets).
    private readonly Dictionary<int, CgroupFigures> _figures = [];
    private readonly HashSet<int> _unchanged = [];
    private readonly HashSet<int> _seen = [];
    private long _pass;

    public RunGroups()
        : this(CgroupUsage.RunGroupOf, CgroupUsage.ControllersOfChildren, CgroupUsage.Read)
    {
    }

    /// <summary>For tests: the cgroup file system replaced.</summary>
    internal RunGroups(Func<int, string?> runGroupOf, Func<string, CgroupControllers> controllersOfChildren, Func<string, CgroupControllers, CgroupFigures?> read)
    {
        _runGroupOf = runGroupOf;
        _controllersOfChildren = controllersOfChildren;
        _read = read;
    }

    /// <summary>
    /// Reads the run groups of <paramref name="runs"/> (instance id, pid) for a new pass: the figures per instance id
    /// (absent when a run has no group), and the pids of the runs that are unchanged since the previous pass.
    /// Both are valid until the next call.
    /// </summary>
    public (IReadOnlyDictionary<int, CgroupFigures> Figures, IReadOnlySet<int> UnchangedPids) ReadPass(IEnumerable<(int InstanceId, int Pid)> runs)
    {
        _pass++;
        _controllersThisPass.Clear();
        _figures.Clear();
        _unchanged.Clear();
        _seen.Clear();
        foreach (var (id, pid) in runs)
        {
            _seen.Add(id);
            if (Read(id, pid) is not { } read)
            {
                continue;
            }

            _figures[id] = read;
            if (_byInstance[id].QuietPasses > 0)
            {
                _unchanged.Add(pid);
            }
        }

        if (_byInstance.Count > _seen.Count)
        {
            foreach (var gone in _byInstance.Keys.Where(id => !_seen.Contains(id)).ToList())
            {
                _byInstance.Remove(gone);
            }
        }

        return (_figures, _unchanged);
    }

    private CgroupFigures? Read(int instanceId, int pid)
    {
        if (!_byInstance.TryGetValue(instanceId, out var run) || run.Pid != pid || (run.Directory is null && _pass >= run.AskAgainAtPass))
        {
            // A pid whose group is not a run's (spawned but not yet moved, or the /proc fallback without cgroups)
            // is asked again after a while, not at every pass.
            run = new Run(pid, _runGroupOf(pid), _pass + FullReadEvery, null, 0);
        }

        CgroupFigures? read = null;
        if (run.Directory is { } directory)
        {
            var parent = Path.GetDirectoryName(directory) ?? "/";
            if (!_controllersThisPass.TryGetValue(parent, out var controllers))
            {
                controllers = _controllersOfChildren(parent);
                _controllersThisPass[parent] = controllers;
            }

            read = _read(directory, controllers);
        }

        var cpu = read is { } now ? (now.UserSeconds, now.SystemSeconds) : ((double, double)?)null;
        var quiet = cpu is not null && cpu == run.LastCpu && run.QuietPasses + 1 < FullReadEvery ? run.QuietPasses + 1 : 0;
        _byInstance[instanceId] = run with { LastCpu = cpu, QuietPasses = quiet };
        return read;
    }

    private readonly record struct Run(int Pid, string? Directory, long AskAgainAtPass, (double User, double System)? LastCpu, int QuietPasses);
}
