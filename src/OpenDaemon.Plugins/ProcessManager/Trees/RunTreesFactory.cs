using System.Text;
using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Ipc.Hashing;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>Opens the daemon's <see cref="RunTrees"/> from its settings, and cleans them up at shutdown.</summary>
internal static partial class RunTreesFactory
{
    private static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static RunTrees Create(ProcessManagerSettings settings, ILogger logger)
    {
        if (settings.RunStateDirectory is not { } directory)
        {
            return RunTrees.None;
        }

        CgroupTree? cgroups = null;
        if (settings.UseCgroups && OperatingSystem.IsLinux())
        {
            cgroups = CgroupTree.TryOpen(SubtreeName(directory), moveIntoLeaf: true, out string reason);
            if (cgroups is null)
            {
                LogNoCgroups(logger, reason);
            }
            else
            {
                LogCgroups(logger, cgroups.Path);
            }
        }

        return new RunTrees(cgroups, new RunRecords(directory), logger);
    }

    /// <summary>
    /// After every app stopped: cgroups still pending are removed, and whatever an app left that its tree
    /// did not account for is killed (only in a daemon, which owns its orphans), so nothing outlives the daemon.
    /// </summary>
    public static async Task CleanUpAsync(RunTrees trees, ProcessManagerSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (settings.RunStateDirectory is null)
        {
            return;
        }

        var deadline = time.GetUtcNow() + CleanUpLimit;
        while (true)
        {
            trees.RetryRemovals();
            bool left = settings.ReapOrphans && ChildReaper.KillAdoptedOrphans() > 0;
            foreach (string cgroup in trees.Cgroups?.Groups() ?? [])
            {
                // A run that did not end (the stop timed out): its cgroup still goes, with everything in it.
                CgroupTree.Kill(cgroup);
                left |= !CgroupTree.TryRemove(cgroup);
            }

            if (!left || time.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        if (trees.Cgroups is { } subtree)
        {
            subtree.Leave();
            _ = CgroupTree.TryRemove(subtree.Path);
        }
    }

    // One subtree per home, so that two daemons (two OD_HOMEs) never touch each other's cgroups.
    public static string SubtreeName(string directory)
    {
        byte[] hash = Sha256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(directory)));
        return "opendaemon-" + Convert.ToHexStringLower(hash)[..12];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "each app runs in its own cgroup under {Path}")]
    private static partial void LogCgroups(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "no cgroups for apps ({Reason}); their processes are tracked through /proc")]
    private static partial void LogNoCgroups(ILogger logger, string reason);
}
