using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// process.signal (PM2 sendSignal): a signal to each named instance, handled inside its actor so that it
/// meets the current run, never a stale pid; a note per instance says where it went.
/// </summary>
internal static class InstanceSignals
{
    /// <exception cref="DaemonException">INVALID_PARAMS: an unknown signal, or no named instance runs.</exception>
    public static async Task<List<string>> SendAsync(IReadOnlyList<InstanceActor> instances, string signalName, CancellationToken cancellationToken)
    {
        int signal;
        try
        {
            signal = Signals.Parse(signalName);
        }
        catch (ArgumentException error)
        {
            throw new DaemonException(ErrorCode.InvalidParams, error.Message, "for example: od signal SIGUSR2 api");
        }

        var sent = await Task.WhenAll(instances.Select(instance => instance.SignalAsync(signal))).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!sent.Any(ok => ok))
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"none of the named instances is running, so {Signals.Name(signal)} was not sent", "start them first: od start <name>");
        }

        List<string> notes = [];
        for (var index = 0; index < instances.Count; index++)
        {
            var snapshot = instances[index].Snapshot;
            notes.Add(sent[index]
                ? $"sent {Signals.Name(signal)} to {snapshot.Name} [{snapshot.Id}] (pid {snapshot.Pid})"
                : $"{snapshot.Name} [{snapshot.Id}] is not running; no signal was sent");
        }

        return notes;
    }
}
