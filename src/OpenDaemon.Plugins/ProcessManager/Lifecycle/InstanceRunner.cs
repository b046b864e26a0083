using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Trees;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// How an instance's runs are carried out: spawning one, signalling and killing its whole tree,
/// ending it with its exit record, and recording and publishing every state change. It decides nothing
/// about what comes next — <see cref="InstanceStateMachine"/> does; both run inside the actor's loop only.
/// </summary>
internal sealed partial class InstanceRunner
{
    private const int HistoryLimit = 30;

    /// <summary>After SIGKILL a group is normally gone at once; this bounds the wait for a stuck one.</summary>
    private static readonly TimeSpan AfterKillGrace = TimeSpan.FromSeconds(5);

    private static readonly int Sigkill = Signals.Parse("SIGKILL");

    /// <summary>How long the connections given to a run may take to reach it before its stop signal goes anyway.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1);

    private readonly InstanceServices _services;
    private readonly Action<InstanceMessage> _post;
    private readonly List<ProcessStateChange> _history = [];

    public InstanceRunner(InstanceServices services, int id, int instance, ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int instanceCount, Action<InstanceMessage> post)
    {
        _services = services;
        _post = post;
        Id = id;
        Instance = instance;
        Config = config;
        Overrides = overrides;
        InstanceCount = instanceCount;
    }

    public int Id { get; }

    public int Instance { get; }

    public TimeProvider Time => _services.Time;

    /// <summary>The configuration the next spawn uses (a running run keeps the one it started with, except for what is read live).</summary>
    public ProcessConfig Config { get; set; }

    public IReadOnlyDictionary<string, string> Overrides { get; set; }

    public int InstanceCount { get; set; }

    public ProcessState State { get; private set; } = ProcessState.Created;

    public string? Reason { get; private set; }

    public IReadOnlyList<ProcessStateChange> History => [.. _history];

    /// <summary>The run in progress; null when no process runs.</summary>
    public InstanceRun? Run { get; private set; }

    /// <summary>The run that ended last, kept only to show its readiness and health until the next one starts.</summary>
    public InstanceRun? LastRun { get; private set; }

    /// <summary>The id of the latest spawn attempt (0 before the first).</summary>
    public int LastRunId { get; private set; }

    public ProcessExitRecord? LastExit { get; private set; }

    /// <summary>The command line of the latest launch plan.</summary>
    public ProcessCommandLine? Command { get; private set; }

    public string? User { get; private set; }

    public void Transition(ProcessState state, string? reason)
    {
        var previous = State;
        State = state;
        Reason = reason;
        if (state == ProcessState.Online && Run is { } run)
        {
            run.WentOnline = true;
        }

        var now = _services.Time.GetUtcNow();
        _history.Add(new ProcessStateChange(state, now, reason));
        if (_history.Count > HistoryLimit)
        {
            _history.RemoveAt(0);
        }

        _services.Events.Publish($"process:{InstanceActor.StateName(state)}", new ProcessEvent
        {
            Id = Id,
            Name = Config.Name,
            Instance = Instance,
            State = state,
            PreviousState = previous,
            Pid = Run?.Pid,
            Reason = reason,
            At = now,
        }, ContractsJsonContext.Default.ProcessEvent);
    }

    /// <summary>
    /// Why the latest spawn attempt failed when the cause should pass (out of file descriptors, memory,
    /// processes: see <see cref="SpawnFailure"/>); null after a success or a permanent failure.
    /// </summary>
    public string? TransientSpawnError { get; private set; }

    /// <summary>
    /// Starts a new run (state starting). Null when it cannot be spawned: errored at once for a permanent
    /// cause; still starting, with <see cref="TransientSpawnError"/> set, for a transient one (the state
    /// machine schedules the retry).
    /// </summary>
    public async ValueTask<InstanceRun?> SpawnAsync(string reason)
    {
        LastRun = null;
        Transition(ProcessState.Starting, reason);
        var (run, error) = await LaunchAsync().ConfigureAwait(false);
        if (run is null)
        {
            LastExit = null;
            if (SpawnFailure.IsTransient(error!))
            {
                TransientSpawnError = error!.Message;
                return null;
            }

            Transition(ProcessState.Errored, error!.Message);
            return null;
        }

        Run = run;
        WritePidFile(run.Pid);
        return run;
    }

    /// <summary>
    /// Launches a new run without making it the instance's run and without a state change: what
    /// <see cref="SpawnAsync"/> does for a start, and what a reload does for the run that is to replace the
    /// current one while that one still serves. Answers the run, or why it could not be spawned.
    /// </summary>
    public async ValueTask<(InstanceRun? Run, Exception? Error)> LaunchAsync()
    {
        var runId = ++LastRunId;
        TransientSpawnError = null;
        RunNotifications? notifications = null;
        PendingTree? pending = null;
        Launching.LaunchPlan? plan = null;
        SpawnedProcess process;
        try
        {
            notifications = RunNotifications.Open(_services.NotifyDirectory, Config, Id, runId, _post);
            plan = await _services.Planner.PlanAsync(Config, Overrides, Instance, Id, notifications?.Path, CancellationToken.None).ConfigureAwait(false);
            Command = plan.CommandLine;
            User = plan.User;
            await _services.Trees.ReadyAsync().ConfigureAwait(false); // the daemon in its cgroup leaf: the app is born there
            var request = _services.Trees.Prepare(plan.Request, Config.Name, Id, Instance, runId, Config.KillTimeout, out pending);
            process = _services.Spawner.Spawn(request);
        }
        catch (Exception error) when (error is DaemonException or SpawnException or IOException or ArgumentException
            or System.Net.Sockets.SocketException or OutOfMemoryException)
        {
            if (pending is not null)
            {
                _services.Trees.Abandon(pending);
            }

            notifications?.Dispose();
            plan?.Backend?.Dispose();
            LogSpawnFailed(_services.Logger, Config.Name, Id, error.Message);
            return (null, error);
        }

        var output = _services.Output.Capture(new RunOutputSource(Config, Instance, InstanceCount, process.Pid), process.StandardOutput, process.StandardError);
        var tree = _services.Trees.Started(pending, process.Pid, RecordedOutput.For(process.KeptOutput, Config, InstanceCount));
        var run = new InstanceRun(runId, process, tree, _services.Time.GetUtcNow(), output, notifications, new InstanceTimers(_services.Time, _post, runId));
        run.Channel = RunChannel.Open(process, runId, _post);
        run.Backend = plan!.Backend is { } backend ? new Cluster.RunBackend(backend, _services.Time) : null;
        run.ForwardExit(_post);
        LogSpawned(_services.Logger, Config.Name, Id, process.Pid);
        StartHealthWatch(run);
        return (run, null);
    }

    /// <summary>
    /// A reload's new run takes the place of the current one, which is answered (and is then stopped by
    /// the reload); the instance stays online, with a transition that says so.
    /// </summary>
    public InstanceRun? Promote(InstanceRun incoming, string reason)
    {
        var previous = Run;
        Run = incoming;
        LastRun = null;
        WritePidFile(incoming.Pid);
        Transition(ProcessState.Online, reason);
        return previous;
    }

    private void WritePidFile(int pid)
    {
        if (Config.PidFile is { } configured && PidFile.TryWrite(PidFile.PathFor(configured, Id), pid) is { } error)
        {
            LogPidFileFailed(_services.Logger, Config.Name, Id, error);
        }
    }

    // Each run of an app with a healthCheck gets a watch from the health-check plugin (spec §3.2);
    // its reports arrive in the inbox like everything else.
    private void StartHealthWatch(InstanceRun run)
    {
        run.HealthCheck = Config.HealthCheck;
        if (run.HealthCheck is null || _services.Health() is not { } monitor)
        {
            return;
        }

        run.Health = new ProcessHealth { Status = HealthStatus.Unknown, Type = ConfigNames.Of(run.HealthCheck.Type), LastTransitionAt = _services.Time.GetUtcNow() };
        var target = new HealthTarget(Config.Name, Id, Instance, run.Pid, run.HealthCheck) { WorkingDirectory = Config.Cwd };
        var post = _post;
        var runId = run.Id;
        try
        {
            run.HealthWatch = monitor.Watch(target, report => post(new HealthReportEvent(runId, report)));
        }
#pragma warning disable CA1031 // A check that cannot start (the plugin stopped in between, a bug) must not fail the spawn.
        catch (Exception error)
#pragma warning restore CA1031
        {
            // The app runs unchecked rather than stuck in starting; the log says why.
            run.Health = null;
            LogHealthUnavailable(_services.Logger, Config.Name, Id, error.Message);
        }
    }

    /// <summary>The main process exited on its own: whatever it left in its tree goes too (setsid'd and double-forked ones included).</summary>
    /// <remarks>So that the next run does not meet the previous one's children (ports, locks) and nothing is orphaned.</remarks>
    public void KillLeftovers(InstanceRun run) => _services.Signaller.Send(run.Tree, Sigkill);

    /// <summary>Records how the run ended, with its crash log, and drops it.</summary>
    public async ValueTask EndRunAsync(InstanceRun run)
    {
        await run.StopHealthWatchAsync().ConfigureAwait(false);
        var now = _services.Time.GetUtcNow();
        var runTime = now - run.StartedAt;
        var exit = run.Exit ?? ProcessExit.Unknown;

        // Crash log preservation (spec §3.3): the last lines are kept unless the run ended cleanly or because someone asked.
        var abnormal = !(exit.ExitCode == 0 && exit.Signal is null) && run.Stop is not { WasRequested: true };
        LastExit = new ProcessExitRecord
        {
            ExitCode = exit.ExitCode,
            Signal = exit.SignalName,
            At = now,
            RunMs = (long)runTime.TotalMilliseconds,
            Unstable = !run.WentOnline || runTime < Config.MinUptime,
            LastLines = await run.DrainOutputAsync(_services.Time, keepLastLines: abnormal).ConfigureAwait(false),
        };
        PublishExit(run.Pid, exit);
        LogExited(_services.Logger, Config.Name, Id, run.Pid, exit.ToString());
        run.Close();
        _services.Trees.Release(run.Tree, Id, Instance);
        if (Run != run)
        {
            return; // a reload's run beside the instance's own: the pid file and the run shown are the other's
        }

        if (Config.PidFile is { } pidFile)
        {
            PidFile.TryDelete(PidFile.PathFor(pidFile, Id));
        }

        Run = null;
        LastRun = run;
    }

    private void PublishExit(int pid, ProcessExit exit) =>
        _services.Events.Publish("process:exit", new ProcessEvent
        {
            Id = Id,
            Name = Config.Name,
            Instance = Instance,
            State = State,
            Pid = pid,
            ExitCode = exit.ExitCode,
            Signal = exit.SignalName,
            Reason = exit.ToString(),
            At = _services.Time.GetUtcNow(),
        }, ContractsJsonContext.Default.ProcessEvent);

    /// <summary>Stopping: the stop signal to the whole tree now, SIGKILL after killTimeout (the kill timer).</summary>
    public void BeginStop(InstanceRun run, StopIntent intent, string reason)
    {
        Transition(ProcessState.Stopping, reason);
        SignalStop(run, intent, reason);
    }

    /// <summary>
    /// The stop signal (or shutdown message) to the run's tree and the kill timer, without a state change:
    /// <see cref="BeginStop"/> for the instance's run, and a reload for the run beside it (the old one
    /// once the new one is ready, or a new one that failed). A run that was given connections is drained
    /// first (<see cref="IConnectionTarget.TryRetire"/>): the signal follows once they reached the app, or
    /// after <see cref="DrainLimit"/> (<see cref="SignalAfterDrain"/>).
    /// </summary>
    public void SignalStop(InstanceRun run, StopIntent intent, string reason)
    {
        run.Timers.Disarm(TimerKind.Ready);
        run.Timers.Disarm(TimerKind.Watchdog);
        run.Timers.Disarm(TimerKind.Settle);
        run.Stop = new RunStop(intent, reason, _services.Time.GetUtcNow() + DrainLimit + Config.KillTimeout);
        if (run.Target is { } target && target.TryRetire(run.Timers.ArmWithEarlyFire(TimerKind.Drain, DrainLimit)))
        {
            run.Stop.DrainUntil = _services.Time.GetUtcNow() + DrainLimit;
            return;
        }

        run.Timers.Disarm(TimerKind.Drain);
        SendStopSignal(run);
    }

    /// <summary>The drain is over, or <see cref="DrainLimit"/> passed first: the stop signal now.</summary>
    public void SignalAfterDrain(InstanceRun run)
    {
        run.Timers.Disarm(TimerKind.Drain); // the other of answer and timer is stale now
        if (_services.Time.GetUtcNow() >= run.Stop!.DrainUntil)
        {
            LogDrainUnanswered(_services.Logger, Config.Name, Id, run.Pid, DrainLimit.TotalMilliseconds);
        }

        SendStopSignal(run);
    }

    private void SendStopSignal(InstanceRun run)
    {
        run.Stop!.KillDeadline = _services.Time.GetUtcNow() + Config.KillTimeout;
        if (Config.ShutdownWithMessage && run.Channel is { } channel && channel.TrySendShutdown())
        {
            // PM2's shutdown_with_message: the app hears "shutdown" on its channel instead of a signal.
            LogStopping(_services.Logger, Config.Name, Id, run.Pid, "the message \"shutdown\"");
            run.Timers.Arm(TimerKind.Kill, Config.KillTimeout);
            return;
        }

        LogStopping(_services.Logger, Config.Name, Id, run.Pid, Config.StopSignal);
        if (!_services.Signaller.Send(run.Tree, Signals.Parse(Config.StopSignal)))
        {
            return; // the group is already gone; the exit event is on its way
        }

        run.Timers.Arm(TimerKind.Kill, Config.KillTimeout);
    }

    /// <summary>killTimeout passed while stopping: SIGKILL the tree.</summary>
    public void Kill(InstanceRun run)
    {
        LogKilling(_services.Logger, Config.Name, Id, run.Pid, Config.KillTimeout.TotalMilliseconds);
        _services.Signaller.Send(run.Tree, Sigkill);
        run.Stop!.KillSent = true;
    }

    /// <summary>
    /// After the main process exited while stopping, and then on each group check: true once the run
    /// ended (its tree is empty, or it survived SIGKILL past the grace), so a grandchild that ignores
    /// the stop signal goes too before the instance counts as down.
    /// </summary>
    public async ValueTask<bool> ContinueStopAsync(InstanceRun run)
    {
        var stop = run.Stop!;
        if (_services.Signaller.Exists(run.Tree))
        {
            var now = _services.Time.GetUtcNow();
            if (now >= stop.KillDeadline && !stop.KillSent)
            {
                Kill(run);
            }
            else if (stop.KillSent)
            {
                // Again on every check: a process forked while the first SIGKILL was on its way is caught too.
                _services.Signaller.Send(run.Tree, Sigkill);
            }

            if (!stop.KillSent || now < stop.KillDeadline + AfterKillGrace)
            {
                run.Timers.Arm(TimerKind.GroupCheck, _services.GroupPollInterval);
                return false;
            }

            LogGroupSurvived(_services.Logger, Config.Name, Id, run.Pid);
        }

        run.Timers.Disarm(TimerKind.GroupCheck);
        await EndRunAsync(run).ConfigureAwait(false);
        return true;
    }
}
