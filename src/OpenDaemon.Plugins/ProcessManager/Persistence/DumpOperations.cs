using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Registry;

namespace OpenDaemon.Plugins.ProcessManager.Persistence;

/// <summary>
/// process.save, process.resurrect and PM2's cleardump: the process table to and from dump.json.
/// </summary>
/// <remarks>Concurrency: a resurrect holds the table's gate while it adds apps; a save reads the table's snapshots.</remarks>
internal sealed class DumpOperations(ProcessTable table, string dumpPath, TimeProvider time)
{
    public async Task<ProcessSaveResult> SaveAsync(CancellationToken cancellationToken)
    {
        var apps = table.Apps;
        var dump = new ProcessDump
        {
            SavedAt = time.GetUtcNow(),
            NextId = table.NextId,
            Apps = [.. apps.Select(app => new DumpedApp
            {
                Config = app.Config,
                Overrides = app.Overrides,
                Instances = [.. app.Instances.Select(instance => instance.Snapshot)
                    .Select(snapshot => new DumpedInstance(snapshot.Id, snapshot.Instance, snapshot.State, snapshot.StoppedByUser))],
            })],
        };
        await DumpFile.WriteAsync(dumpPath, dump, cancellationToken).ConfigureAwait(false);
        return new ProcessSaveResult(dumpPath, dump.Apps.Count, dump.Apps.Sum(app => app.Instances.Count));
    }

    /// <summary>PM2's <c>cleardump</c>: dump.json keeps no apps, so a resurrect (or a boot) restores nothing.</summary>
    public async Task<ProcessSaveResult> ClearDumpAsync(CancellationToken cancellationToken)
    {
        var empty = new ProcessDump { SavedAt = time.GetUtcNow(), NextId = table.NextId, Apps = [] };
        await DumpFile.WriteAsync(dumpPath, empty, cancellationToken).ConfigureAwait(false);
        return new ProcessSaveResult(dumpPath, 0, 0);
    }

    /// <summary>Adds and starts (or keeps stopped) the saved apps not managed yet; returns their snapshots and the notes.</summary>
    public async Task<(InstanceSnapshot[] Snapshots, List<string> Notes)> ResurrectAsync(CancellationToken cancellationToken)
    {
        var dump = await DumpFile.ReadAsync(dumpPath, cancellationToken).ConfigureAwait(false);
        List<Task<InstanceSnapshot>> restored = [];
        List<string> notes = [];
        await table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            table.ReserveIds(dump.NextId);
            foreach (var saved in dump.Apps)
            {
                if (table.Find(saved.Config.Name) is not null)
                {
                    notes.Add($"{saved.Config.Name} is already managed; its saved copy was skipped");
                    continue;
                }

                var ids = saved.Instances.OrderBy(instance => instance.Instance).Select(instance => instance.Id).ToList();
                var app = table.Add(saved.Config, saved.Overrides, Math.Max(1, ids.Count), ids);
                foreach (var (instance, state) in app.Instances.Zip(saved.Instances.OrderBy(instance => instance.Instance)))
                {
                    restored.Add(DumpFile.ShouldStart(state) ? instance.StartAsync() : instance.StopAsync());
                }
            }
        }
        finally
        {
            table.Gate.Release();
        }

        var snapshots = await Task.WhenAll(restored).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (dump.Apps.Count > 0 && notes.Count == dump.Apps.Count)
        {
            // Every saved app was skipped: one sentence says why nothing happened.
            notes = [AllSkippedNote(dump.Apps)];
        }

        return (snapshots, notes);
    }

    private string AllSkippedNote(IReadOnlyList<DumpedApp> saved)
    {
        var apps = saved.Count == 1 ? "the saved app is" : $"all {saved.Count} saved apps are";
        var running = saved.All(app => table.Find(app.Config.Name)?.Instances
            .All(instance => instance.Snapshot.State is ProcessState.Starting or ProcessState.Online) == true);
        return running
            ? $"{apps} already running"
            : $"{apps} already managed by this daemon ('od start <name>' starts a stopped one)";
    }
}
