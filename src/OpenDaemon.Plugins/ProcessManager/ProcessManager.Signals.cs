using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager;

// process.signal (PM2 sendSignal) and process.reset (PM2 reset): small commands on running instances,
// each handled inside the instance's actor so that it meets the current run, never a stale pid.
internal sealed partial class ProcessManager
{
    public async Task<ProcessList> SignalAsync(ProcessSignalParams request, CancellationToken cancellationToken)
    {
        int signal;
        try
        {
            signal = Signals.Parse(request.Signal);
        }
        catch (ArgumentException error)
        {
            throw new DaemonException(ErrorCode.InvalidParams, error.Message, "for example: od signal SIGUSR2 api");
        }

        var instances = _table.Resolve(await ExpandConfigTargetsAsync(request.Targets, cancellationToken).ConfigureAwait(false));
        var sent = await Task.WhenAll(instances.Select(instance => instance.SignalAsync(signal))).WaitAsync(cancellationToken).ConfigureAwait(false);
        List<string> notes = [];
        for (var index = 0; index < instances.Count; index++)
        {
            var snapshot = instances[index].Snapshot;
            notes.Add(sent[index]
                ? $"sent {Signals.Name(signal)} to {snapshot.Name} [{snapshot.Id}] (pid {snapshot.Pid})"
                : $"{snapshot.Name} [{snapshot.Id}] is not running; no signal was sent");
        }

        if (!sent.Any(ok => ok))
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"none of the named instances is running, so {Signals.Name(signal)} was not sent", "start them first: od start <name>");
        }

        return ProcessSummaries.List([.. instances.Select(instance => instance.Snapshot)], _monitor, Now, notes);
    }

    public async Task<ProcessList> ResetAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var instances = _table.Resolve(await ExpandConfigTargetsAsync(targets, cancellationToken).ConfigureAwait(false));
        var snapshots = await Task.WhenAll(instances.Select(instance => instance.ResetAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now);
    }
}
