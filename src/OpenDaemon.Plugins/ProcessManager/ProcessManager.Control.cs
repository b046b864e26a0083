using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager;

// process.stop / restart / delete, and stopping everything when the daemon shuts down.
internal sealed partial class ProcessManager
{
    /// <summary>Starts known apps or instances; what runs already is left alone (other plugins: the scheduler).</summary>
    public async Task<ProcessList> StartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(targets);
        var snapshots = await Task.WhenAll(instances.Select(instance => instance.StartAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now);
    }

    public async Task<ProcessList> StopAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
        await StopDependentsFirstAsync(instances, cancellationToken).ConfigureAwait(false);
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
            TakeCallerEnvironment(AppsOf(instances), updateEnv);
        }

        var snapshots = await Task.WhenAll(instances.Select(instance => instance.RestartAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now);
    }

    // PM2's --update-env (restart and reload): the caller's environment under the app's own env and its od set values.
    private static void TakeCallerEnvironment(IEnumerable<Registry.ManagedApp> apps, IReadOnlyDictionary<string, string> updateEnv)
    {
        foreach (var app in apps)
        {
            var taken = updateEnv.Where(pair => !Launching.EnvironmentBuilder.IsSupervisorVariable(pair.Key) && !app.Config.Env.ContainsKey(pair.Key) && !app.Overrides.ContainsKey(pair.Key));
            app.Update(app.Config, Merge(app.Overrides, taken.ToDictionary(StringComparer.Ordinal)));
        }
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
            _dependencies.Waits.Cancel(app.Name);
            _table.Remove(app);
            stopping.AddRange(app.Instances.Select(instance => instance.StopAsync(StopIntent.Delete)));
        }

        var stopped = await Task.WhenAll(stopping).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var app in apps)
        {
            Planner.ClusterSockets.Release(app.Name); // cluster mode: the port is free once the app is gone
        }

        return stopped;
    }

    /// <summary>Stops every instance (daemon shutdown); apps stay in the table so a later save still sees them.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_table.Instances.Select(instance => instance.StopAsync(StopIntent.DaemonShutdown))).WaitAsync(cancellationToken).ConfigureAwait(false);
}
