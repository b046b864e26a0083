using System.Threading.Channels;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// Overview
// ========
// One managed instance (ARCHITECTURE §4) is one actor: a single async loop reads its inbox — user
// commands, process exits, notify datagrams, health reports, memory reports and its own timers — and
// handles one message at a time, so a crash while stopping or a restart while starting cannot race and
// nothing is locked. Readers see an immutable InstanceSnapshot, replaced after every message.
//
// Who owns what: InstanceActor (this file) is the mailbox and the loop; InstanceStateMachine decides
// what each message does in each state (with OnlineGates for readiness and health); InstanceRunner
// carries it out (spawn, stop signal, SIGKILL, end of a run, transitions published on the bus);
// InstanceRun is one run — created at spawn, dropped once its process is gone — holding everything of
// that run (process, output capture, NOTIFY_SOCKET, timers, gates, exit, stop in progress);
// AutoRestartPolicy says what follows an exit nobody asked for. Every message of a run carries its run
// id (the snapshot's RunId), so a late message of an earlier run is ignored; timers also carry a
// generation, so a re-armed or disarmed timer that fires late is ignored.
//
// State × event table. "waiting" is stopped/errored with a backoff restart scheduled (NextRestartAt).
// "=" unchanged (ignored), "-" cannot arrive in that state (no process, or that timer is not armed:
// a late one is stale and ignored), "sig" = the stop signal (stopSignal) to the process group.
//
// Commands | start               | restart              | stop, shutdown      | delete                   | spawn fails
// ---------+---------------------+----------------------+---------------------+--------------------------+----------------
// created  | spawn: starting     | spawn: starting [r]  | stopped             | stopped, actor ends      | errored
// starting | = (answered online) | sig: stopping [s]    | sig: stopping       | sig: stopping [d]        | = (no spawn)
// online   | = (answered)        | sig: stopping [s]    | sig: stopping       | sig: stopping [d]        | = (no spawn)
// stopping | = start after [s]   | = start after [s]    | = intent: stop      | = intent: delete [d]     | = start after [s]
// stopped  | spawn: starting     | spawn: starting [r]  | =                   | =, actor ends            | errored
// errored  | spawn: starting     | spawn: starting [r]  | stopped             | stopped, actor ends      | errored
// waiting  | cancel; starting    | cancel; starting [r] | cancel: stopped     | cancel: stopped, ends    | cancel: errored
//
// Run events | exit        | READY=1    | WATCHDOG=1 | WD=trigger  | healthy    | unhealthy  | maxMemory   | ready timer | watchdog tmr | kill timer | backoff timer
// -----------+-------------+------------+------------+-------------+------------+------------+-------------+-------------+--------------+------------+---------------
// starting   | [p]         | online [g] | = arm [w]  | =           | online [g] | [h]        | =           | sig [t]     | =            | -          | -
// online     | [p]         | =          | = arm [w]  | sig [x]     | =          | [h]        | sig [m]     | -           | sig [x]      | -          | -
// stopping   | [e]         | =          | = arm [w]  | =           | =          | =          | =           | -           | =            | SIGKILL    | -
// created    | -           | -          | -          | -           | -          | -          | -           | -           | -            | -          | -
// stopped    | = (stale)   | = (stale)  | = (stale)  | = (stale)   | = (stale)  | = (stale)  | = (stale)   | -           | -            | -          | -
// errored    | = (stale)   | = (stale)  | = (stale)  | = (stale)   | = (stale)  | = (stale)  | = (stale)   | -           | -            | -          | -
// waiting    | = (stale)   | = (stale)  | = (stale)  | = (stale)   | = (stale)  | = (stale)  | = (stale)   | -           | -            | -          | spawn: starting, restarts + 1
//
// [r] restarts + 1.  [s] restart requested: once down, stopped, then spawn: starting (restarts + 1); a
//     later stop cancels it.  [d] once down: stopped and the actor ends; a deleted instance never comes back.
// [p] the run's group gets SIGKILL, the run ends (exit record, crash log when abnormal), then
//     AutoRestartPolicy: autoRestart says no → stopped (clean exit) or errored; maxRestarts unstable
//     runs in a row → errored (given up); otherwise waiting (backoff delay).
// [g] online once every gate is open: READY=1 (waitReady) and a healthy report (healthCheck).
// [w] WATCHDOG=1 (re)arms the watchdog timer when watchdogTimeout is set; it only acts while online.
// [t] sig: stopping, then once down errored (not restarted: the app never said it was ready). With
//     readyTimeoutAction online (PM2's wait_ready) and no health check still failing: online instead.
// [x] sig: stopping, then once down like a crash ([p], with the watchdog as reason).
// [m] sig: stopping, then once down stopped and spawn: starting (restarts + 1).
// [h] health check at its failure threshold: action restart → sig: stopping, then once down waiting,
//     errored after maxRestarts unstable runs, or spawn: starting at once without backoff; action stop →
//     sig: stopping, then stopped; action none → =. In every case a waiting start is answered.
// [e] the main process is down: once the group is empty (polled every GroupPollInterval, SIGKILL at
//     killTimeout, given up 5 s after it) the run ends, then what the stop was for: stop, shutdown, health
//     stop → stopped; delete → [d]; restart → [s]; maxMemory → [m]; watchdog → [x]; ready timeout →
//     errored; health restart → [h].
// "spawn fails" is a permanent cause (script not found, not executable, bad config: errored with the
//     message). A transient one (EMFILE, ENFILE, EAGAIN, ENOMEM, ENOBUFS: see SpawnFailure) goes to
//     waiting instead, wherever a spawn happens (start, restart, backoff timer, after a stop): retried
//     with AutoRestartPolicy.AfterSpawnFailure's delay, not counted against maxRestarts.
// Config updates (UpdateCommand) are stored in every state and used from the next spawn.
//
// Reload (zero downtime, InstanceReload): in every state but online it changes nothing and answers "not
// online" (the caller restarts instead). Online, a new run is spawned beside the instance's own, which keeps
// serving; the state stays online throughout and od ls shows the reload's activity. Sub-rows of online:
//
// Reload rows | reload | restart, stop   | own run exits | memory    | new READY=1 + healthy | new exits   | new unhealthy / ready timer | replaced run down | kill timer
// ------------+--------+-----------------+---------------+-----------+-----------------------+-------------+-----------------------------+-------------------+-----------
// reloading   | = busy | sig both [c]    | [p], [c]      | sig [m][c]| promote: draining [n] | online [f]  | sig new: abandoning [f]      | -                 | -
// draining    | = busy | sig new run     | [p]           | sig [m]   | -                     | (own run)   | (own run, table above)       | online [o]        | SIGKILL old
// abandoning  | = busy | sig own run     | [p]           | sig [m]   | -                     | online [f]  | -                            | -                 | SIGKILL new
//
// [c] the instance left online: the reload is cancelled, the new run gets the stop signal (abandoning).
// [n] the new run becomes the instance's run (pid file, od ls; a transition online → online "reloaded");
//     the old one gets the stop signal, and SIGKILL after killTimeout: its in-flight requests finish.
//     Without waitReady and health check the new run counts as ready once it stayed up minUptime (Settle).
//     With readyTimeoutAction online the ready timer promotes the new run as [t] says, instead of [f].
// [f] the reload failed (answered with why once the new run is gone); the old run served all along.
// [o] the reload succeeded: answered "reloaded". A delete during a reload ends the actor only once the
//     reload's run is gone too.

/// <summary>
/// One managed instance: the mailbox and the loop of the actor described above. Commands are
/// answered once the instance settled where they were heading; <see cref="Snapshot"/> never blocks.
/// </summary>
internal sealed partial class InstanceActor
{
    private readonly InstanceServices _services;
    private readonly Channel<InstanceMessage> _inbox = Channel.CreateUnbounded<InstanceMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly InstanceStateMachine _machine;
    private volatile InstanceSnapshot _snapshot;

    public InstanceActor(InstanceServices services, int id, int instance, ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int instanceCount)
    {
        _services = services;
        Id = id;
        Instance = instance;
        _machine = new InstanceStateMachine(services, id, instance, config, overrides, instanceCount, Post, snapshot => _snapshot = snapshot);
        _snapshot = _machine.Snapshot();
        Completion = Task.Run(RunAsync);
    }

    public int Id { get; }

    public int Instance { get; }

    /// <summary>The latest picture of this instance; never blocks.</summary>
    public InstanceSnapshot Snapshot => _snapshot;

    /// <summary>Completes when the actor has ended (after a delete).</summary>
    public Task Completion { get; }

    public Task<InstanceSnapshot> StartAsync() => Ask(done => new StartCommand(done));

    public Task<InstanceSnapshot> RestartAsync() => Ask(done => new RestartCommand(done));

    /// <summary>Zero-downtime reload: a new run beside the current one, which goes once the new one is ready.</summary>
    public Task<ReloadOutcome> ReloadAsync()
    {
        var done = new TaskCompletionSource<ReloadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new ReloadCommand(done)))
        {
            done.TrySetResult(new ReloadOutcome(ReloadResult.NotOnline, "deleted", _snapshot));
        }

        return done.Task;
    }

    public Task<InstanceSnapshot> StopAsync(StopIntent intent = StopIntent.User) => Ask(done => new StopCommand(done, intent));

    /// <summary>Sends <paramref name="signal"/> to the current run's main process; false when none runs.</summary>
    public Task<bool> SignalAsync(int signal)
    {
        var sent = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new SignalCommand(signal, sent)))
        {
            sent.TrySetResult(false);
        }

        return sent.Task;
    }

    /// <summary>Sets the restart counters back to 0; answers the new snapshot.</summary>
    public Task<InstanceSnapshot> ResetAsync() => Ask(done => new ResetCommand(done));

    public void Update(ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int instanceCount) =>
        Post(new UpdateCommand(config, overrides, instanceCount));

    /// <summary>Reports that the current run uses too much memory (from the resource monitor).</summary>
    public void ReportMemoryExceeded(int pid, long bytes)
    {
        var snapshot = _snapshot;
        if (snapshot.Pid == pid)
        {
            Post(new MemoryExceededEvent(snapshot.RunId, bytes));
        }
    }

    /// <summary>Completes once every message posted before it has been handled (and the snapshot replaced).</summary>
    public Task<InstanceSnapshot> SyncAsync() => Ask(done => new SyncCommand(done));

    /// <summary>Puts a message in the inbox: how runs, timers and the tests deliver events.</summary>
    internal void Post(InstanceMessage message) => _inbox.Writer.TryWrite(message);

    private Task<InstanceSnapshot> Ask(Func<TaskCompletionSource<InstanceSnapshot>, InstanceMessage> create)
    {
        var done = new TaskCompletionSource<InstanceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(create(done)))
        {
            done.TrySetResult(_snapshot); // deleted: nothing more happens to this instance
        }

        return done.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _machine.HandleAsync(message).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The actor must survive any bug in one message; the error is logged.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogActorError(_services.Logger, error, _snapshot.Name, Id, message.GetType().Name);
                (message as SignalCommand)?.Sent.TrySetException(error);
                (message as ReloadCommand)?.Done.TrySetException(error);
            }

            _machine.SettleWaiters();
            _snapshot = _machine.Snapshot();
            if (message is SyncCommand sync)
            {
                sync.Done.TrySetResult(_snapshot);
            }
            else if (message is ResetCommand reset)
            {
                reset.Done.TrySetResult(_snapshot);
            }

            if (_machine.Deleted)
            {
                _inbox.Writer.TryComplete();
            }
        }

        // Anyone who asked after the delete was accepted still gets an answer.
        _machine.SettleWaiters(final: true);
    }

    internal static string StateName(ProcessState state) => state switch
    {
        ProcessState.Created => "created",
        ProcessState.Starting => "starting",
        ProcessState.Online => "online",
        ProcessState.Stopping => "stopping",
        ProcessState.Stopped => "stopped",
        _ => "errored",
    };
}
