using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// User commands. Each one looks at the current state and either acts now or records what should
// happen once the state it is waiting for is reached (e.g. a restart that arrives while stopping).
internal sealed partial class InstanceActor
{
    private bool _startPending;
    private bool _deleteRequested;

    private async ValueTask OnStartAsync(TaskCompletionSource<InstanceSnapshot> done)
    {
        _startWaiters.Add(done);
        switch (_state)
        {
            case ProcessState.Starting or ProcessState.Online:
                return; // already up (or coming up): answered when settled
            case ProcessState.Stopping:
                RequestStartAfterStop();
                return;
            default:
                await StartFreshAsync("started").ConfigureAwait(false);
                return;
        }
    }

    private async ValueTask OnRestartAsync(TaskCompletionSource<InstanceSnapshot> done)
    {
        _startWaiters.Add(done);
        switch (_state)
        {
            case ProcessState.Starting or ProcessState.Online:
                _stoppedByUser = false;
                _startPending = true;
                BeginStop(StopIntent.Restart, "restart requested");
                return;
            case ProcessState.Stopping:
                RequestStartAfterStop();
                return;
            default:
                _restarts++;
                await StartFreshAsync("restarted").ConfigureAwait(false);
                return;
        }
    }

    private ValueTask OnStopAsync(TaskCompletionSource<InstanceSnapshot> done, StopIntent intent)
    {
        _stopWaiters.Add(done);
        _startPending = false;
        _deleteRequested |= intent == StopIntent.Delete;
        _stoppedByUser |= intent is StopIntent.User or StopIntent.Delete;
        if (_process is not null)
        {
            if (_state == ProcessState.Stopping)
            {
                _stopIntent = intent; // a user stop overrides a restart that was on its way
            }
            else
            {
                BeginStop(intent, intent == StopIntent.DaemonShutdown ? "daemon shutting down" : "stopped by user");
            }

            return ValueTask.CompletedTask;
        }

        CancelScheduledRestart();
        if (_state != ProcessState.Stopped)
        {
            Transition(ProcessState.Stopped, "stopped by user");
        }

        _deleted = _deleteRequested;
        return ValueTask.CompletedTask;
    }

    // "errored stays errored until started again": a start by a user is a fresh beginning.
    private ValueTask StartFreshAsync(string reason)
    {
        CancelScheduledRestart();
        _stoppedByUser = false;
        _unstable = 0;
        return SpawnAsync(reason);
    }

    private void RequestStartAfterStop()
    {
        if (_deleteRequested)
        {
            return; // a deleted instance does not come back
        }

        _startPending = true;
        _stoppedByUser = false;
        _stopIntent = StopIntent.Restart;
    }
}
