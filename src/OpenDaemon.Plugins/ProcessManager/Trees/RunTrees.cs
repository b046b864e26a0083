using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// Gives every run its <see cref="ProcessTree"/>: a cgroup of its own in the daemon's subtree where the
/// daemon may create cgroups (and the exec shim is there to move the app in), else the /proc fallback;
/// a marker in its environment either way; and a <see cref="RunRecord"/> on disk from just before the
/// spawn until the run has ended, for the crash recovery of the next daemon.
/// </summary>
/// <remarks>
/// Thread-safe: actors call it concurrently, each for its own instance. A cgroup that cannot be removed
/// yet (its last processes are still dying after the kill) waits in a queue and is retried on later
/// calls and at shutdown.
/// </remarks>
internal sealed partial class RunTrees
{
    private readonly RunRecords? _records;
    private readonly ILogger? _logger;
    private readonly ConcurrentQueue<string> _pendingRemovals = new();
    private int _moveProblemLogged;

    public RunTrees(CgroupTree? cgroups, RunRecords? records, ILogger? logger)
    {
        Cgroups = cgroups;
        _records = records;
        _logger = logger;
    }

    /// <summary>No cgroups, no records: the fallback only (unit tests, and hosts that disable both).</summary>
    public static RunTrees None { get; } = new(null, null, null);

    /// <summary>The daemon's cgroup subtree; null in the fallback.</summary>
    public CgroupTree? Cgroups { get; }

    public RunRecords? Records => _records;

    /// <summary>
    /// Completes once spawns may begin: the daemon is in its cgroup leaf (<see cref="CgroupTree.MovedIntoLeaf"/>),
    /// or could not get there, which is logged once.
    /// </summary>
    public async ValueTask ReadyAsync()
    {
        if (Cgroups is { } cgroups && await cgroups.MovedIntoLeaf.ConfigureAwait(false) is { } problem
            && Interlocked.Exchange(ref _moveProblemLogged, 1) == 0 && _logger is { } logger)
        {
            LogMoveFailed(logger, problem);
        }
    }

    /// <summary>
    /// Returns <paramref name="request"/> with the run's marker (and cgroup, when there is one) and the
    /// record written; call <see cref="Started"/> or <see cref="Abandon"/> after the spawn.
    /// </summary>
    public SpawnRequest Prepare(SpawnRequest request, string name, int id, int instance, int run, TimeSpan killTimeout, out PendingTree pending)
    {
        RetryRemovals();
        string marker = ProcessTree.NewMarker();
        string? cgroup = null;
        if (Cgroups is { } cgroups && request.ShimExecutable is not null)
        {
            try
            {
                cgroup = cgroups.Create(string.Create(CultureInfo.InvariantCulture, $"{id}-{instance}-r{run}-p{Environment.ProcessId}"));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // This run goes without: the fallback still finds its processes, less exactly.
                if (_logger is { } logger)
                {
                    LogCgroupFailed(logger, name, id, error.Message);
                }
            }
        }

        // When the shim runs anyway (user, nice, umask) it moves itself in before exec: no race at all.
        // Otherwise the daemon moves the app right after the spawn (CgroupTree.Adopt), which saves a
        // process start per spawn (~10-30 ms) and catches what the app forked in between by its marker.
        bool shimMoves = cgroup is not null && request.NeedsShim;
        pending = new PendingTree(name, id, instance, cgroup, shimMoves, marker, killTimeout);

        // Written before the spawn: should the daemon die in between, the next one still finds the run by marker and cgroup.
        WriteRecord(pending, pid: 0, startTicks: 0, output: null);
        var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal) { [ProcessTree.MarkerVariable] = marker };
        return request with { Environment = environment, CgroupPath = shimMoves ? cgroup : null };
    }

    public ProcessTree Started(PendingTree pending, int pid, RecordedOutput? output = null)
    {
        if (pending.Cgroup is { } cgroup && !pending.ShimMoves)
        {
            _ = Cgroups!.Adopt(cgroup, pid, pending.Marker);
        }

        var tree = ProcessTree.ForStarted(pid, pending.Cgroup, pending.Marker);
        WriteRecord(pending, pid, tree.RootStartTicks, output);
        return tree;
    }

    /// <summary>The spawn failed: nothing runs, the cgroup and the record go.</summary>
    public void Abandon(PendingTree pending)
    {
        _records?.Delete(pending.Id, pending.Instance);
        if (pending.Cgroup is { } cgroup && !CgroupTree.TryRemove(cgroup))
        {
            _pendingRemovals.Enqueue(cgroup);
        }
    }

    /// <summary>The run has ended (its tree is gone, or was killed): its record and cgroup go.</summary>
    public void Release(ProcessTree tree, int id, int instance)
    {
        _records?.Delete(id, instance);
        if (!tree.TryRelease() && tree.CgroupPath is { } cgroup)
        {
            // Killed a moment ago: the kernel is still taking the processes down.
            tree.Kill();
            _pendingRemovals.Enqueue(cgroup);
        }
    }

    /// <summary>Removes the cgroups left pending; at shutdown, with a few tries while their last processes die.</summary>
    public void RetryRemovals()
    {
        int count = _pendingRemovals.Count;
        for (int i = 0; i < count && _pendingRemovals.TryDequeue(out string? cgroup); i++)
        {
            if (!CgroupTree.TryRemove(cgroup))
            {
                CgroupTree.Kill(cgroup);
                _pendingRemovals.Enqueue(cgroup);
            }
        }
    }

    private void WriteRecord(PendingTree pending, int pid, long startTicks, RecordedOutput? output)
    {
        if (_records is null)
        {
            return;
        }

        try
        {
            _records.Write(new RunRecord
            {
                Name = pending.Name,
                Id = pending.Id,
                Instance = pending.Instance,
                Pid = pid,
                StartTicks = startTicks,
                Cgroup = pending.Cgroup,
                Marker = pending.Marker,
                KillTimeoutMs = (long)pending.KillTimeout.TotalMilliseconds,
                Output = output,
            });
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The app still runs; only a crash recovery would miss it (the cgroup sweep still finds it).
            if (_logger is { } logger)
            {
                LogRecordFailed(logger, pending.Name, pending.Id, error.Message);
            }
        }
    }
}
