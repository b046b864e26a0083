using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager;

// process.stop / restart / delete, and stopping everything when the daemon shuts down.
internal sealed partial class ProcessManager
{
    public async Task<ProcessList> StopAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
        var snapshots = await Task.WhenAll(instances.Select(instance => instance.StopAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now);
    }

    public Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) =>
        RestartAsync(targets, null, cancellationToken);

    public async Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, IReadOnlyDictionary<string, string>? updateEnv, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
        if (updateEnv is not null)
        {
            // PM2's --update-env: the caller's environment under the app's own env and its od set values.
            foreach (var app in AppsOf(instances))
            {
                var taken = updateEnv.Where(pair => !Launching.EnvironmentBuilder.IsSupervisorVariable(pair.Key) && !app.Config.Env.ContainsKey(pair.Key) && !app.Overrides.ContainsKey(pair.Key));
                app.Update(app.Config, Merge(app.Overrides, taken.ToDictionary(StringComparer.Ordinal)));
            }
        }

        var snapshots = await Task.WhenAll(instances.Select(instance => instance.RestartAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now);
    }

    /// <summary>Deletes whole apps: deleting one instance id of a multi-instance app deletes that app.</summary>
    public async Task<ProcessList> DeleteAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        targets = await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false);
        await _table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var apps = AppsOf(_table.Resolve(targets));
            var snapshots = await DeleteAppsAsync(apps, cancellationToken).ConfigureAwait(false);
            return ProcessSummaries.List(snapshots, null, Now);
        }
        finally
        {
            _table.Gate.Release();
        }
    }

    // Callers hold the table gate.
    private async Task<InstanceSnapshot[]> DeleteAppsAsync(IEnumerable<Registry.ManagedApp> apps, CancellationToken cancellationToken)
    {
        var stopping = new List<Task<InstanceSnapshot>>();
        foreach (var app in apps)
        {
            _table.Remove(app);
            stopping.AddRange(app.Instances.Select(instance => instance.StopAsync(StopIntent.Delete)));
        }

        return await Task.WhenAll(stopping).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every instance (daemon shutdown); apps stay in the table so a later save still sees them.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_table.Instances.Select(instance => instance.StopAsync(StopIntent.DaemonShutdown))).WaitAsync(cancellationToken).ConfigureAwait(false);
}
