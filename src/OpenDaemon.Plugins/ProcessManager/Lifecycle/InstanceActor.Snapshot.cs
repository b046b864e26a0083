using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// State transitions (each one recorded and published on the event bus) and the snapshot readers see.
internal sealed partial class InstanceActor
{
    private void Transition(ProcessState state, string? reason)
    {
        var previous = _state;
        _state = state;
        _reason = reason;
        if (state == ProcessState.Online)
        {
            _wentOnline = true;
        }

        if (state != ProcessState.Errored && state != ProcessState.Stopped)
        {
            _nextRestartAt = null;
        }

        var now = _services.Time.GetUtcNow();
        _history.Add(new ProcessStateChange(state, now, reason));
        if (_history.Count > HistoryLimit)
        {
            _history.RemoveAt(0);
        }

        _services.Events.Publish($"process:{StateName(state)}", new ProcessEvent
        {
            Id = Id,
            Name = _config.Name,
            Instance = Instance,
            State = state,
            PreviousState = previous,
            Pid = _process?.Pid,
            Reason = reason,
            At = now,
        }, ContractsJsonContext.Default.ProcessEvent);
    }

    private void PublishExit(int pid, ProcessExit exit) =>
        _services.Events.Publish("process:exit", new ProcessEvent
        {
            Id = Id,
            Name = _config.Name,
            Instance = Instance,
            State = _state,
            Pid = pid,
            ExitCode = exit.ExitCode,
            Signal = exit.SignalName,
            Reason = exit.ToString(),
            At = _services.Time.GetUtcNow(),
        }, ContractsJsonContext.Default.ProcessEvent);

    internal static string StateName(ProcessState state) => state switch
    {
        ProcessState.Created => "created",
        ProcessState.Starting => "starting",
        ProcessState.Online => "online",
        ProcessState.Stopping => "stopping",
        ProcessState.Stopped => "stopped",
        _ => "errored",
    };

    private InstanceSnapshot BuildSnapshot() => new()
    {
        Id = Id,
        Instance = Instance,
        Config = _config,
        Overrides = _overrides,
        State = _state,
        Pid = _process?.Pid,
        Restarts = _restarts,
        UnstableRestarts = _unstable,
        StartedAt = _process is null ? null : _spawnedAt,
        NextRestartAt = _nextRestartAt,
        Reason = _reason,
        User = _user,
        StoppedByUser = _stoppedByUser,
        LastExit = _lastExit,
        History = [.. _history],
        Readiness = new ProcessReadiness
        {
            WaitReady = _config.WaitReady,
            Ready = _ready,
            Status = _readyStatus,
            NotifySocket = _notify?.Path,
            LastWatchdogAt = _lastWatchdogAt,
        },
        Command = _command,
        Health = _health,
        Logs = _services.Output.PathsFor(_config, Instance, _instanceCount),
        InstanceCount = _instanceCount,
    };
}
