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

    public async Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
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
