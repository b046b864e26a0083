using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager;

// process.signal (PM2 sendSignal, see InstanceSignals) and process.reset (PM2 reset): small commands on
// running instances, each handled inside the instance's actor.
internal sealed partial class ProcessManager
{
    public async Task<ProcessList> SignalAsync(ProcessSignalParams request, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(request.Targets, cancellationToken).ConfigureAwait(false));
        var notes = await InstanceSignals.SendAsync(instances, request.Signal, cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List([.. instances.Select(instance => instance.Snapshot)], _monitor, Now, notes);
    }

    public async Task<ProcessList> ResetAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
        var snapshots = await Task.WhenAll(instances.Select(instance => instance.ResetAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now);
    }
}
