using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// At start-up, before any app starts: ends what a previous daemon of this home left running when it
/// died without stopping its apps (SIGKILL, a crash, the OOM killer). Its apps are not adopted, they are
/// ended, whole trees: SIGTERM, up to the app's killTimeout (at most <see cref="MaxGrace"/>), then SIGKILL
/// until nothing is left. Only then may resurrect or a config start them again, so no app ever runs twice.
/// Their output is not lost: it is taken back first and written to their logs (<see cref="OrphanOutputs"/>).
/// </summary>
/// <remarks>
/// The trees are those of the run records (a cgroup, or the root pid checked against its start time
/// plus every process carrying the run's marker) and any cgroup left in the daemon's subtree that no
/// record names (the daemon died between creating it and writing the record). Each one ended is
/// logged to daemon.log with the app's name and pid.
/// </remarks>
internal static partial class OrphanRecovery
{
    /// <summary>The longest an orphan is given to stop by itself: start-up must not hang on a huge killTimeout.</summary>
    public static readonly TimeSpan MaxGrace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan AfterKillGrace = TimeSpan.FromSeconds(5);
    private const int SigTerm = 15;

    /// <summary>Ends every orphaned tree; returns how many trees it found running.</summary>
    public static async Task<int> EndPreviousAsync(RunTrees trees, IOutputCapture? capture, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var orphans = new List<Orphan>();
        var outputs = new OrphanOutputs(capture, logger);
        var recordedCgroups = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string path, RunRecord? record) in trees.Records?.ReadAll() ?? [])
        {
            if (record is null)
            {
                RunRecords.TryDelete(path);
                continue;
            }

            // A cgroup is only trusted inside this home's own subtree: a record pointing anywhere else
            // (edited, or written from another cgroup) is searched by pid and marker instead.
            string? cgroup = record.Cgroup is { } recorded && IsOurs(recorded, trees) ? recorded : null;
            if (cgroup is not null)
            {
                recordedCgroups.Add(cgroup);
            }

            var tree = ProcessTree.ForRecorded(record.Pid, record.StartTicks, cgroup, record.Marker);
            if (AddIfRunning(orphans, new Orphan(record.Name, record.Id, record.Pid, tree, TimeSpan.FromMilliseconds(record.KillTimeoutMs), path), logger))
            {
                outputs.TakeBack(record);
            }
        }

        foreach (string cgroup in trees.Cgroups?.Groups() ?? [])
        {
            if (!recordedCgroups.Contains(cgroup))
            {
                AddIfRunning(orphans, new Orphan(Path.GetFileName(cgroup), -1, 0, ProcessTree.ForRecorded(0, 0, cgroup, ""), TimeSpan.Zero, null), logger);
            }
        }

        if (orphans.Count == 0)
        {
            return 0;
        }

        foreach (var orphan in orphans)
        {
            _ = orphan.Tree.Signal(SigTerm);
        }

        var grace = orphans.Max(orphan => orphan.KillTimeout);
        await WaitGoneAsync(orphans, grace < MaxGrace ? grace : MaxGrace, kill: false, time, cancellationToken).ConfigureAwait(false);
        foreach (var orphan in orphans.Where(orphan => orphan.Tree.Exists()))
        {
            LogKilling(logger, orphan.Name, orphan.Pid);
        }

        await WaitGoneAsync(orphans, AfterKillGrace, kill: true, time, cancellationToken).ConfigureAwait(false);
        foreach (var orphan in orphans)
        {
            bool survived = orphan.Tree.Exists();
            if (orphan.Tree.TryRelease() && orphan.RecordPath is { } recordPath)
            {
                RunRecords.TryDelete(recordPath);
            }

            if (survived)
            {
                LogSurvived(logger, orphan.Name, orphan.Pid);
            }
            else
            {
                LogEnded(logger, orphan.Name, orphan.Pid);
            }
        }

        await outputs.FinishAsync(time, cancellationToken).ConfigureAwait(false);
        return orphans.Count;
    }

    private static bool IsOurs(string cgroup, RunTrees trees) =>
        trees.Records is { } records
        && Path.IsPathFullyQualified(cgroup)
        && !cgroup.Contains("/../", StringComparison.Ordinal)
        && Path.GetFileName(Path.GetDirectoryName(cgroup)) == RunTreesFactory.SubtreeName(records.Directory);

    private static bool AddIfRunning(List<Orphan> orphans, Orphan orphan, ILogger logger)
    {
        var members = orphan.Tree.Members();
        if (members.Count == 0)
        {
            // It ended by itself: only the bookkeeping is left.
            if (orphan.Tree.TryRelease() && orphan.RecordPath is { } path)
            {
                RunRecords.TryDelete(path);
            }

            return false;
        }

        LogFound(logger, orphan.Name, orphan.Id, orphan.Pid, members.Count, string.Join(' ', members.Order()));
        orphans.Add(orphan);
        return true;
    }

    private static async Task WaitGoneAsync(List<Orphan> orphans, TimeSpan limit, bool kill, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var left = orphans.Where(orphan => orphan.Tree.Exists()).ToList();
            if (left.Count == 0 || time.GetUtcNow() >= deadline)
            {
                return;
            }

            if (kill)
            {
                // Again on every pass: a process forked while the kill was on its way is caught too.
                left.ForEach(orphan => orphan.Tree.Kill());
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Orphan(string Name, int Id, int Pid, ProcessTree Tree, TimeSpan KillTimeout, string? RecordPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] (pid {Pid}) was left running by a previous daemon that died: ending it before anything starts ({Count} process(es): {Pids})")]
    private static partial void LogFound(ILogger logger, string app, int id, int pid, int count, string pids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} (pid {Pid}) of the previous daemon did not stop on SIGTERM: killing it")]
    private static partial void LogKilling(ILogger logger, string app, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "ended {App} (pid {Pid}) of the previous daemon")]
    private static partial void LogEnded(ILogger logger, string app, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "{App} (pid {Pid}) of the previous daemon survived SIGKILL (a process stuck in the kernel); it may run twice")]
    private static partial void LogSurvived(ILogger logger, string app, int pid);
}
