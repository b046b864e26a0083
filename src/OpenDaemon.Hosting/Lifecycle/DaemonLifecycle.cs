using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Lifecycle;

// Overview
// --------
// One small state machine: Stopped → Starting → Running → Stopping → Stopped (Starting → Stopped
// when the start fails). Every transition is decided under _gate, which guards only a few fields
// and is never held across an await or while user code runs (handlers, StateChanged subscribers).
//
// * Start: Stopped→Starting under the gate (so two starts cannot both pass), then the PID lock is
//   taken on the thread pool outside the gate, then Starting→Running (or →Stopped) under the gate.
// * Stop: the caller that moves Running→Stopping owns the stop and publishes a task for it in the
//   same critical section; any later StopAsync (a second caller, a signal) awaits that task, so
//   there is exactly one shutdown and everyone sees its outcome. Stop in Starting is refused, but
//   a signal arriving then is remembered and stops the daemon as soon as it is running.
// * StateChanged: transitions are queued under the gate and raised outside it by one drainer at a
//   time, so subscribers always see states in order, even when a subscriber itself starts or stops
//   the daemon (its events are raised after it returns).
// * The lock is released on every path out of Stopping, including a timeout, so a hung handler can
//   never keep the next daemon from starting.

/// <summary>
/// Runs a daemon's lifecycle: holds the single-instance PID lock while running and runs shutdown
/// handlers in reverse registration order under a deadline when stopping.
/// </summary>
public sealed partial class DaemonLifecycle : IAsyncDisposable
{
    private readonly DaemonLifecycleOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<DaemonState> _pendingNotifications = new();
    private ImmutableArray<ShutdownHandler> _handlers = [];

    // Guarded by _gate.
    private DaemonState _state = DaemonState.Stopped;
    private PidLock? _pidLock;
    private DateTimeOffset? _startedAt;
    private Task? _stopTask;
    private TaskCompletionSource _stopped = NewCompletionSource();
    private bool _stopRequestedWhileStarting;
    private bool _notifying;

    /// <summary>Creates a stopped daemon lifecycle.</summary>
    public DaemonLifecycle(DaemonLifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);
        ArgumentException.ThrowIfNullOrEmpty(options.LockPath);
        ArgumentException.ThrowIfNullOrEmpty(options.PidPath);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        if (options.ShutdownTimeout <= TimeSpan.Zero && options.ShutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ShutdownTimeout, "ShutdownTimeout must be positive or infinite.");
        }

        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after each state change, in order, outside any internal lock.</summary>
    /// <remarks>A subscriber that throws is logged and does not affect the lifecycle or other subscribers.</remarks>
    public event Action<DaemonState>? StateChanged;

    /// <summary>The current state.</summary>
    public DaemonState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>True while <see cref="State"/> is <see cref="DaemonState.Running"/>.</summary>
    public bool IsRunning => State == DaemonState.Running;

    /// <summary>When the daemon last reached running; null when it is not running.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (_gate)
            {
                return _startedAt;
            }
        }
    }

    /// <summary>
    /// Completes when the daemon reaches stopped after having run (for <c>daemon run</c> to await).
    /// Each run gets a fresh task: read it after <see cref="StartAsync"/> to wait for that run. A failed
    /// start does not complete it. It completes (successfully) even when the stop itself reported an error.
    /// </summary>
    public Task Stopped
    {
        get
        {
            lock (_gate)
            {
                return _stopped.Task;
            }
        }
    }

    /// <summary>Registers cleanup for shutdown. Handlers run in reverse registration order, one at a time.</summary>
    /// <remarks>A handler registered while a stop is in progress runs at the next stop.</remarks>
    public void OnShutdown(ShutdownHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (handlers, added) => handlers.Add(added), handler);
    }

    /// <summary>Moves stopped → starting → running, taking the PID lock.</summary>
    /// <exception cref="DaemonLifecycleException">
    /// <see cref="DaemonErrorKind.AlreadyRunning"/> when this daemon is not stopped or another process
    /// holds the lock (with <see cref="DaemonLifecycleException.OwnerPid"/>); <see cref="DaemonErrorKind.PidError"/>
    /// when the lock or PID file cannot be written; <see cref="DaemonErrorKind.StartFailed"/> otherwise.
    /// After any failure the state is stopped again.
    /// </exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_state != DaemonState.Stopped)
            {
                throw new DaemonLifecycleException(
                    DaemonErrorKind.AlreadyRunning,
                    $"Daemon '{_options.Name}' is already {_state.ToString().ToLowerInvariant()}.",
                    Environment.ProcessId);
            }

            if (_stopped.Task.IsCompleted)
            {
                _stopped = NewCompletionSource();
            }

            _stopRequestedWhileStarting = false;
            TransitionLocked(DaemonState.Starting);
        }

        RaiseStateChanges();

        PidLock pidLock;
        try
        {
            // File I/O and a short retry loop: keep them off the caller's thread.
            pidLock = await Task.Run(() => PidLock.Acquire(_options.LockPath, _options.PidPath), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            FailStart();
            throw;
        }
        catch (Exception ex)
        {
            FailStart();
            throw TranslateStartFailure(ex);
        }

        bool stopNow;
        lock (_gate)
        {
            _pidLock = pidLock;
            _startedAt = _options.TimeProvider.GetUtcNow();
            stopNow = _stopRequestedWhileStarting;
            TransitionLocked(DaemonState.Running);
        }

        Log.Started(_logger, _options.Name, pidLock.Pid, pidLock.PidPath);
        RaiseStateChanges();
        if (stopNow)
        {
            _ = StopAfterSignalAsync();
        }
    }

    /// <summary>Stops the daemon if it is running; always releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        DisposeSignalRegistrations();
        if (State is DaemonState.Running or DaemonState.Stopping)
        {
            try
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (DaemonLifecycleException ex)
            {
                Log.StopOnDisposeFailed(_logger, _options.Name, ex);
            }
        }
    }

    private DaemonLifecycleException TranslateStartFailure(Exception ex) => ex switch
    {
        LockException lockEx => new DaemonLifecycleException(
            DaemonErrorKind.AlreadyRunning,
            lockEx.OwnerPid is { } pid
                ? $"Daemon '{_options.Name}' is already running (PID {pid})."
                : $"Daemon '{_options.Name}' is already running (lock '{lockEx.LockPath}' is held).",
            lockEx.OwnerPid,
            lockEx),
        IOException or UnauthorizedAccessException => new DaemonLifecycleException(
            DaemonErrorKind.PidError,
            $"Daemon '{_options.Name}' could not write its lock or PID file: {ex.Message}",
            innerException: ex),
        _ => new DaemonLifecycleException(
            DaemonErrorKind.StartFailed,
            $"Daemon '{_options.Name}' failed to start: {ex.Message}",
            innerException: ex),
    };

    private void FailStart()
    {
        lock (_gate)
        {
            _stopRequestedWhileStarting = false;
            TransitionLocked(DaemonState.Stopped);
        }

        RaiseStateChanges();
    }

    private void TransitionLocked(DaemonState state)
    {
        _state = state;
        _pendingNotifications.Enqueue(state);
    }

    private void RaiseStateChanges()
    {
        lock (_gate)
        {
            if (_notifying)
            {
                return; // The active drainer raises ours after the current subscriber returns.
            }

            _notifying = true;
        }

        while (true)
        {
            DaemonState state;
            lock (_gate)
            {
                if (!_pendingNotifications.TryDequeue(out state))
                {
                    _notifying = false;
                    return;
                }
            }

            if (StateChanged is not { } subscribers)
            {
                continue;
            }

            foreach (Action<DaemonState> subscriber in subscribers.GetInvocationList().Cast<Action<DaemonState>>())
            {
                try
                {
                    subscriber(state);
                }
                catch (Exception ex)
                {
                    Log.StateChangedSubscriberFailed(_logger, _options.Name, state, ex);
                }
            }
        }
    }

    private static TaskCompletionSource NewCompletionSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
