using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// The state × event table of <see cref="InstanceActor"/> in code: each handler looks at the state and
/// either acts now or records what should happen once the state it waits for is reached (a restart that
/// arrives while stopping). How a run is spawned, stopped and ended is <see cref="InstanceRunner"/>'s,
/// what follows an exit nobody asked for is <see cref="AutoRestartPolicy"/>'s. Called only from the
/// actor's loop, one message at a time.
/// </summary>
internal sealed class InstanceStateMachine
{
    private readonly InstanceServices _services;
    private readonly InstanceRunner _runner;
    private readonly InstanceWaiters _waiters;
    private readonly Action<InstanceSnapshot> _publish;
    private readonly InstanceTimers _backoff;
    private readonly OnlineGates _gates;

    private int _restarts;
    private int _unstable;
    private int _spawnRetries;
    private bool _stoppedByUser;
    private bool _startPending;
    private bool _deleteRequested;
    private DateTimeOffset? _nextRestartAt;
    private InstanceReload? _reload;

    public InstanceStateMachine(InstanceServices services, int id, int instance, ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int instanceCount, Action<InstanceMessage> post, Action<InstanceSnapshot> publish)
    {
        _services = services;
        _publish = publish;
        _waiters = new InstanceWaiters(publish);
        _runner = new InstanceRunner(services, id, instance, config, overrides, instanceCount, post);
        _backoff = new InstanceTimers(services.Time, post, run: 0);
        _gates = new OnlineGates(services.Time, _runner, () => _waiters.AnswerStarts(Snapshot));
    }

    /// <summary>True once a delete has completed: the actor ends.</summary>
    public bool Deleted { get; private set; }

    private ProcessState State => _runner.State;

    private ProcessConfig Config => _runner.Config;

    public async ValueTask HandleAsync(InstanceMessage message)
    {
        if (_reload is { } reload && RunOf(message) is { } run && reload.Owns(run))
        {
            await reload.HandleAsync(message).ConfigureAwait(false);
        }
        else
        {
            await DispatchAsync(message).ConfigureAwait(false);
        }

        AfterReloadStep();
    }

    private static int? RunOf(InstanceMessage message) => message switch
    {
        ProcessExitedEvent exited => exited.Run,
        NotifyEvent notify => notify.Run,
        MemoryExceededEvent memory => memory.Run,
        HealthReportEvent health => health.Run,
        TimerEvent timer => timer.Run,
        _ => null,
    };

    private ValueTask DispatchAsync(InstanceMessage message) => message switch
    {
        StartCommand start => OnStartAsync(start.Done),
        ReloadCommand reload => OnReloadAsync(reload.Done),
        RestartCommand restart => OnRestartAsync(restart.Done),
        StopCommand stop => OnStop(stop.Done, stop.Intent),
        UpdateCommand update => OnUpdate(update),
        SignalCommand signal => OnSignal(signal),
        ResetCommand => OnReset(),
        ProcessExitedEvent exited => OnExitedAsync(exited),
        NotifyEvent notify => _gates.OnNotify(notify),
        MemoryExceededEvent memory => OnMemoryExceeded(memory),
        HealthReportEvent health => _gates.OnHealthReport(health),
        TimerEvent timer => OnTimerAsync(timer),
        _ => ValueTask.CompletedTask,
    };

    // Waiters are answered once the instance has settled where the command was heading.
    public void SettleWaiters(bool final = false)
    {
        var settledUp = State == ProcessState.Online;
        var settledDown = _runner.Run is null && _reload is null && State is ProcessState.Stopped or ProcessState.Errored or ProcessState.Created && !_startPending;
        if (settledUp || settledDown || final)
        {
            _waiters.AnswerStarts(Snapshot);
        }

        if (settledDown || final)
        {
            _waiters.AnswerStops(Snapshot);
        }
    }

    // ---- commands ----------------------------------------------------------------------------

    // To the main process only, as PM2 does (a group signal would also reach the workers it started).
    private ValueTask OnSignal(SignalCommand signal)
    {
        signal.Sent.TrySetResult(_runner.Run is { } run && _services.Signaller.SendToProcess(run.Pid, signal.Signal));
        return ValueTask.CompletedTask;
    }

    private ValueTask OnReset()
    {
        _restarts = 0;
        _unstable = 0;
        return ValueTask.CompletedTask;
    }

    private async ValueTask OnStartAsync(TaskCompletionSource<InstanceSnapshot> done)
    {
        _waiters.AddStart(done);
        switch (State)
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

    // Only an online instance has something to keep serving; otherwise the caller restarts it.
    private async ValueTask OnReloadAsync(TaskCompletionSource<ReloadOutcome> done)
    {
        if (_reload is { } running)
        {
            done.TrySetResult(new ReloadOutcome(ReloadResult.Busy, running.Activity, Published()));
            return;
        }

        if (State != ProcessState.Online || _runner.Run is not { Stop: null })
        {
            done.TrySetResult(new ReloadOutcome(ReloadResult.NotOnline, $"not online ({InstanceActor.StateName(State)})", Published()));
            return;
        }

        _restarts++; // as PM2 counts a reload in restart_time
        _reload = await InstanceReload.BeginAsync(_runner, done).ConfigureAwait(false);
    }

    // After every message: a reload whose instance left online is cancelled (the old run is no longer
    // there to serve, or is being stopped for another reason), and a finished one is answered.
    private void AfterReloadStep()
    {
        if (_reload is not { } reload)
        {
            return;
        }

        if (reload.Incoming is not null && (State != ProcessState.Online || _runner.Run is not { Stop: null }))
        {
            reload.Abandon($"cancelled: the instance went {InstanceActor.StateName(State)} ({_runner.Reason})");
        }

        if (!reload.Finished)
        {
            return;
        }

        _reload = null;
        reload.Answer(Published());
        if (_deleteRequested && _runner.Run is null)
        {
            Deleted = true; // the delete waited for the reload's run to go
        }
    }

    private async ValueTask OnRestartAsync(TaskCompletionSource<InstanceSnapshot> done)
    {
        _waiters.AddStart(done);
        switch (State)
        {
            case ProcessState.Starting or ProcessState.Online:
                _stoppedByUser = false;
                _startPending = true;
                _runner.BeginStop(_runner.Run!, StopIntent.Restart, "restart requested");
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

    private ValueTask OnStop(TaskCompletionSource<InstanceSnapshot> done, StopIntent intent)
    {
        _waiters.AddStop(done);
        _startPending = false;
        _deleteRequested |= intent == StopIntent.Delete;
        _stoppedByUser |= intent is StopIntent.User or StopIntent.Delete;
        if (_runner.Run is { } run)
        {
            if (run.Stop is { } stopping)
            {
                stopping.Intent = intent; // a user stop overrides a restart that was on its way
            }
            else
            {
                _runner.BeginStop(run, intent, intent == StopIntent.DaemonShutdown ? "daemon shutting down" : "stopped by user");
            }

            return ValueTask.CompletedTask;
        }

        CancelScheduledRestart();
        if (State != ProcessState.Stopped)
        {
            _runner.Transition(ProcessState.Stopped, "stopped by user");
        }

        Deleted = _deleteRequested && _reload is null;
        return ValueTask.CompletedTask;
    }

    private ValueTask OnUpdate(UpdateCommand update)
    {
        _runner.Config = update.Config;
        _runner.Overrides = update.Overrides;
        _runner.InstanceCount = update.InstanceCount;
        return ValueTask.CompletedTask;
    }

    // "errored stays errored until started again": a start by a user is a fresh beginning.
    private ValueTask StartFreshAsync(string reason)
    {
        CancelScheduledRestart();
        _stoppedByUser = false;
        _unstable = 0;
        _spawnRetries = 0;
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
        _runner.Run!.Stop!.Intent = StopIntent.Restart;
    }

    // ---- a run: spawn, exit, timers ----------------------------------------------------------

    private async ValueTask SpawnAsync(string reason)
    {
        if (await _runner.SpawnAsync(reason).ConfigureAwait(false) is not { } run)
        {
            if (_runner.TransientSpawnError is { } error)
            {
                // Out of descriptors, memory or processes: retried with backoff until the fault clears.
                ApplyRestartPlan(AutoRestartPolicy.AfterSpawnFailure(Config, error, ++_spawnRetries, _unstable, _services.Random));
            }

            return; // otherwise errored: could not start
        }

        _spawnRetries = 0;

        if (Config.WaitReady)
        {
            run.Timers.Arm(TimerKind.Ready, Config.ReadyTimeout);
        }
        else
        {
            _gates.GoOnlineIfReady(run, reason: null);
        }
    }

    private async ValueTask OnExitedAsync(ProcessExitedEvent exited)
    {
        if (_runner.Run is not { } run || exited.Run != run.Id)
        {
            return; // an earlier run's
        }

        run.Timers.Disarm(TimerKind.Ready);
        run.Timers.Disarm(TimerKind.Watchdog);
        run.CloseNotifications();
        run.Exit = exited.Exit;
        if (State == ProcessState.Stopping)
        {
            run.Timers.Disarm(TimerKind.Kill);
            await ContinueStopAsync(run).ConfigureAwait(false);
            return;
        }

        _runner.KillLeftovers(run);
        await _runner.EndRunAsync(run).ConfigureAwait(false);
        ApplyRestartPlan(AutoRestartPolicy.AfterExit(Config, exited.Exit, reason: null, _runner.LastExit!.Unstable, _unstable, _services.Random));
    }

    private void ApplyRestartPlan(RestartPlan plan)
    {
        _unstable = plan.Unstable;
        if (plan.Delay is { } delay)
        {
            _nextRestartAt = _services.Time.GetUtcNow() + delay;
            _runner.Transition(plan.State, plan.Reason);
            _backoff.Arm(TimerKind.Restart, delay);
            return;
        }

        _runner.Transition(plan.State, plan.Reason);
    }

    private void CancelScheduledRestart()
    {
        _backoff.Disarm(TimerKind.Restart);
        _nextRestartAt = null;
    }

    private ValueTask OnMemoryExceeded(MemoryExceededEvent memory)
    {
        if (_runner.Run is { } run && memory.Run == run.Id && State == ProcessState.Online && Config.MaxMemory is { } max)
        {
            _runner.BeginStop(run, StopIntent.MemoryRestart, $"memory {Megabytes(memory.Bytes)} exceeds maxMemory {Megabytes(max)}; restarting");
        }

        return ValueTask.CompletedTask;
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";

    private async ValueTask OnTimerAsync(TimerEvent timer)
    {
        if (timer.Kind == TimerKind.Restart)
        {
            if (_backoff.IsCurrent(timer) && _runner.Run is null && _nextRestartAt is not null)
            {
                _nextRestartAt = null;
                _restarts++;
                await SpawnAsync("automatic restart").ConfigureAwait(false);
            }

            return;
        }

        if (_runner.Run is not { } run || !run.Timers.IsCurrent(timer))
        {
            return; // disarmed, re-armed, or an earlier run's
        }

        switch (timer.Kind)
        {
            case TimerKind.Drain when State == ProcessState.Stopping:
                _runner.SignalAfterDrain(run);
                break;
            case TimerKind.Kill when State == ProcessState.Stopping:
                _runner.Kill(run);
                break;
            case TimerKind.Ready when State == ProcessState.Starting && run.OnlineDespiteReadyTimeout(Config.ReadyTimeoutAction):
                _runner.Transition(ProcessState.Online, $"no ready within readyTimeout {Config.ReadyTimeout.TotalSeconds:0.###}s: online anyway (readyTimeoutAction: online, as PM2 after listen_timeout)");
                break;
            case TimerKind.Ready when State == ProcessState.Starting:
                _runner.BeginStop(run, StopIntent.ReadyTimeout, _gates.NotReadyReason(run));
                break;
            case TimerKind.Watchdog when State == ProcessState.Online:
                _runner.BeginStop(run, StopIntent.Watchdog, $"hung: no WATCHDOG=1 within watchdogTimeout {Config.WatchdogTimeout?.TotalSeconds:0.###}s");
                break;
            case TimerKind.GroupCheck when State == ProcessState.Stopping:
                await ContinueStopAsync(run).ConfigureAwait(false);
                break;
        }
    }

    // ---- once a stopped run is down: what its stop was for -----------------------------------

    private async ValueTask ContinueStopAsync(InstanceRun run)
    {
        if (!await _runner.ContinueStopAsync(run).ConfigureAwait(false))
        {
            return; // its group is still there: the group check looks again
        }

        var stop = run.Stop!;
        if (_deleteRequested)
        {
            _runner.Transition(ProcessState.Stopped, stop.Reason);
            Deleted = _reload is null; // else once the reload's run is gone too
            return;
        }

        switch (stop.Intent)
        {
            case StopIntent.Restart when _startPending:
            case StopIntent.MemoryRestart:
                await RestartNowAsync(stop.Intent == StopIntent.MemoryRestart ? stop.Reason : "restarted", stop.Reason).ConfigureAwait(false);
                break;
            case StopIntent.Watchdog:
                ApplyRestartPlan(AutoRestartPolicy.AfterExit(Config, run.Exit!.Value, stop.Reason, _runner.LastExit!.Unstable, _unstable, _services.Random));
                break;
            case StopIntent.ReadyTimeout:
                _runner.Transition(ProcessState.Errored, stop.Reason);
                break;
            case StopIntent.HealthRestart:
                await RestartAfterHealthFailureAsync(stop.Reason).ConfigureAwait(false);
                break;
            default:
                _runner.Transition(ProcessState.Stopped, stop.Reason);
                break;
        }
    }

    private async ValueTask RestartAfterHealthFailureAsync(string reason)
    {
        var plan = AutoRestartPolicy.AfterHealthFailure(Config, reason, _runner.LastExit!.Unstable, _unstable, _services.Random);
        if (!plan.Immediately)
        {
            ApplyRestartPlan(plan);
            return;
        }

        _unstable = plan.Unstable;
        await RestartNowAsync(reason, reason).ConfigureAwait(false);
    }

    // Down before up again: whoever waited for the stop is answered now.
    private async ValueTask RestartNowAsync(string reason, string stoppedReason)
    {
        _runner.Transition(ProcessState.Stopped, stoppedReason);
        _waiters.AnswerStops(Snapshot);
        _startPending = false;
        _restarts++;
        await SpawnAsync(reason).ConfigureAwait(false);
    }

    // A snapshot to answer a caller with: published first (see InstanceWaiters).
    private InstanceSnapshot Published()
    {
        var snapshot = Snapshot();
        _publish(snapshot);
        return snapshot;
    }

    /// <summary>The picture readers see; the actor replaces its copy after every message.</summary>
    public InstanceSnapshot Snapshot()
    {
        // Readiness and health stay those of the last run until the next one starts.
        var run = _runner.Run;
        var shown = run ?? _runner.LastRun;
        return new InstanceSnapshot
        {
            Id = _runner.Id,
            Instance = _runner.Instance,
            Config = Config,
            Overrides = _runner.Overrides,
            State = State,
            RunId = run?.Id ?? _runner.LastRunId, // during a reload the new run has a later id but is not shown yet
            Pid = run?.Pid,
            Restarts = _restarts,
            UnstableRestarts = _unstable,
            StartedAt = run?.StartedAt,
            NextRestartAt = _nextRestartAt,
            Reason = _runner.Reason,
            User = _runner.User,
            StoppedByUser = _stoppedByUser,
            LastExit = _runner.LastExit,
            History = _runner.History,
            Readiness = shown?.Readiness(Config.WaitReady) ?? new ProcessReadiness { WaitReady = Config.WaitReady },
            Command = _runner.Command,
            Health = shown?.Health,
            Serving = State == ProcessState.Online ? run?.Target : null,
            Logs = _services.Output.PathsFor(Config, _runner.Instance, _runner.InstanceCount),
            InstanceCount = _runner.InstanceCount,
            Activity = _reload?.Activity,
        };
    }
}
