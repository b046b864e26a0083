using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager;

// daemon.reload applied to apps: added start, removed stop and go, changed restart with the new
// configuration, unchanged are not touched.
internal sealed partial class ProcessManager
{
    public async Task<ProcessList> ApplyReloadAsync(OpenDaemonConfig config, ConfigReloadResult changes, CancellationToken cancellationToken)
    {
        var byName = config.Apps.ToDictionary(app => app.Name, StringComparer.Ordinal);
        List<Task<InstanceSnapshot>> waits = [];
        List<string> notes = [];
        await _table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removed = changes.Removed.Select(_table.Find).OfType<Registry.ManagedApp>().ToList();
            await DeleteAppsAsync(removed, cancellationToken).ConfigureAwait(false);
            notes.AddRange(removed.Select(app => $"{app.Name}: removed from the config, stopped and deleted"));

            foreach (var name in changes.Changed)
            {
                var app = _table.Find(name);
                if (app is null || InstanceCountOf(byName[name]) != app.Instances.Count)
                {
                    // A different instance count means different actors: replace the app.
                    if (app is not null)
                    {
                        await DeleteAppsAsync([app], cancellationToken).ConfigureAwait(false);
                    }

                    waits.AddRange(AddAndStart(byName[name], app?.Overrides ?? NoOverrides));
                }
                else
                {
                    app.Update(byName[name], app.Overrides);
                    waits.AddRange(app.Instances.Select(instance => instance.RestartAsync()));
                }

                notes.Add($"{name}: changed, restarted with the new configuration");
            }

            foreach (var name in changes.Added.Where(name => _table.Find(name) is null))
            {
                waits.AddRange(AddAndStart(byName[name], NoOverrides));
                notes.Add($"{name}: added, started");
            }
        }
        finally
        {
            _table.Gate.Release();
        }

        var snapshots = await Task.WhenAll(waits).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now, notes);
    }
}
