using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager;

// process.reload and process.scale: the work is Rolling.RollingReload's and Rolling.InstanceScaler's.
internal sealed partial class ProcessManager
{
    public async Task<ProcessList> ReloadAsync(IReadOnlyList<string> targets, IReadOnlyDictionary<string, string>? updateEnv, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
        var apps = AppsOf(instances);
        Action? takeEnvironment = updateEnv is null ? null : () => TakeCallerEnvironment(apps, updateEnv);
        var notes = await new Rolling.RollingReload(_operations).RunAsync(apps, instances, takeEnvironment, cancellationToken).ConfigureAwait(false);
        var snapshots = await Task.WhenAll(instances.Select(instance => instance.SyncAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now, notes);
    }

    public async Task<ProcessList> ScaleAsync(ProcessScaleParams parameters, CancellationToken cancellationToken)
    {
        var (snapshots, note) = await new Rolling.InstanceScaler(_table, _operations).ScaleAsync(parameters, cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now, [note]);
    }
}
