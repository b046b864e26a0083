using System.Threading.Channels;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// One managed instance (ARCHITECTURE §4): a single async loop owns all of its state and handles
/// commands, process exits, notify messages and timers one at a time from its inbox, so a crash
/// while stopping or a restart while starting cannot race — there is nothing to lock.
/// Readers see <see cref="Snapshot"/>, replaced after every message.
/// </summary>
internal sealed partial class InstanceActor
{
    private const int HistoryLimit = 30;

    private readonly InstanceServices _services;
    private readonly Channel<InstanceMessage> _inbox = Channel.CreateUnbounded<InstanceMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<TaskCompletionSource<InstanceSnapshot>> _startWaiters = [];
    private readonly List<TaskCompletionSource<InstanceSnapshot>> _stopWaiters = [];
    private readonly List<ProcessStateChange> _history = [];

    private ProcessConfig _config;
    private IReadOnlyDictionary<string, string> _overrides;
    private int _instanceCount;
    private ProcessState _state = ProcessState.Created;
    private string? _reason;
    private int _restarts;
    private int _unstable;
    private bool _stoppedByUser;
    private bool _deleted;
    private ProcessExitRecord? _lastExit;
    private ProcessCommandLine? _command;
    private string? _user;
    private volatile InstanceSnapshot _snapshot;

    public InstanceActor(InstanceServices services, int id, int instance, ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int instanceCount)
    {
        _services = services;
        Id = id;
        Instance = instance;
        _config = config;
        _overrides = overrides;
        _instanceCount = instanceCount;
        _snapshot = BuildSnapshot();
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

    public Task<InstanceSnapshot> StopAsync(StopIntent intent = StopIntent.User) => Ask(done => new StopCommand(done, intent));

    public void Update(ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int instanceCount) =>
        Post(new UpdateCommand(config, overrides, instanceCount));

    /// <summary>Reports that the current run uses too much memory (from the resource monitor).</summary>
    public void ReportMemoryExceeded(int pid, long bytes)
    {
        if (_snapshot.Pid == pid)
        {
            Post(new MemoryExceededEvent(_run, bytes));
        }
    }

    private Task<InstanceSnapshot> Ask(Func<TaskCompletionSource<InstanceSnapshot>, InstanceMessage> create)
    {
        var done = new TaskCompletionSource<InstanceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(create(done)))
        {
            done.TrySetResult(_snapshot); // deleted: nothing more happens to this instance
        }

        return done.Task;
    }

    private void Post(InstanceMessage message) => _inbox.Writer.TryWrite(message);

    private async Task RunAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(message).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The actor must survive any bug in one message; the error is logged.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogActorError(_services.Logger, error, _config.Name, Id, message.GetType().Name);
            }

            SettleWaiters();
            _snapshot = BuildSnapshot();
            if (_deleted)
            {
                _inbox.Writer.TryComplete();
            }
        }

        // Anyone who asked after the delete was accepted still gets an answer.
        SettleWaiters(final: true);
    }

    private ValueTask HandleAsync(InstanceMessage message) => message switch
    {
        StartCommand start => OnStartAsync(start.Done),
        RestartCommand restart => OnRestartAsync(restart.Done),
        StopCommand stop => OnStopAsync(stop.Done, stop.Intent),
        UpdateCommand update => OnUpdate(update),
        ProcessExitedEvent exited => OnExitedAsync(exited),
        NotifyEvent notify => OnNotify(notify),
        MemoryExceededEvent memory => OnMemoryExceeded(memory),
        HealthReportEvent health => OnHealthReport(health),
        TimerEvent timer => OnTimerAsync(timer),
        _ => ValueTask.CompletedTask,
    };

    private ValueTask OnUpdate(UpdateCommand update)
    {
        _config = update.Config;
        _overrides = update.Overrides;
        _instanceCount = update.InstanceCount;
        return ValueTask.CompletedTask;
    }

    // Waiters are answered once the instance has settled where the command was heading.
    private void SettleWaiters(bool final = false)
    {
        var running = _process is not null;
        var settledUp = _state == ProcessState.Online;
        var settledDown = !running && _state is ProcessState.Stopped or ProcessState.Errored or ProcessState.Created && !_startPending;
        if (settledUp || settledDown || final)
        {
            Answer(_startWaiters);
        }

        if (settledDown || final)
        {
            Answer(_stopWaiters);
        }
    }

    private void Answer(List<TaskCompletionSource<InstanceSnapshot>> waiters)
    {
        if (waiters.Count == 0)
        {
            return;
        }

        var snapshot = BuildSnapshot();
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(snapshot);
        }

        waiters.Clear();
    }
}
