using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Lifecycle;

// Overview
// --------
// Shutdown mirrors Microsoft.Extensions.Hosting: handlers run in reverse registration order, each
// after the previous finished, and a throwing handler does not stop the others; all failures are
// reported together once every handler ran. Two things differ on purpose:
// * The deadline is enforced, not just signalled. Handlers get a token cancelled at the deadline
//   (or when the caller cancels StopAsync), and each handler is awaited only until then; it is
//   started on the thread pool so even one that blocks synchronously cannot hold us. When the
//   deadline passes, the running handler is abandoned (its failure, if any, is logged later) and
//   handlers not yet started are skipped: running them concurrently with the abandoned one would
//   break the ordering they rely on.
// * The PID lock is released on every path, then the state becomes Stopped, and only then is the
//   outcome thrown, so after any StopAsync a new daemon can start at once.

/// <content>Stopping: shutdown handlers, the deadline and releasing the lock.</content>
public sealed partial class DaemonLifecycle
{
    /// <summary>
    /// Moves running → stopping → stopped: runs shutdown handlers in reverse registration order under
    /// <see cref="DaemonLifecycleOptions.ShutdownTimeout"/>, then releases the lock and deletes the PID file.
    /// </summary>
    /// <param name="cancellationToken">
    /// For the caller that starts the stop, cancelling makes the shutdown ungraceful, like the deadline:
    /// handlers are cancelled and abandoned, the lock is released, and <see cref="OperationCanceledException"/>
    /// is thrown. A caller joining a stop already in progress only stops waiting for it.
    /// </param>
    /// <exception cref="DaemonLifecycleException">
    /// <see cref="DaemonErrorKind.NotRunning"/> when stopped or still starting (the state is unchanged).
    /// After a stop (state stopped, lock released): <see cref="DaemonErrorKind.ShutdownTimeout"/> if the deadline
    /// passed; else <see cref="DaemonErrorKind.ShutdownFailed"/> if handlers threw; else <see cref="DaemonErrorKind.PidError"/>
    /// if the PID file could not be removed. The inner <see cref="AggregateException"/> holds every failure.
    /// Concurrent callers of the same stop all observe the same outcome.
    /// </exception>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? ownedStop = null;
        Task stop;
        lock (_gate)
        {
            if (_state == DaemonState.Running)
            {
                ownedStop = NewCompletionSource();
                _stopTask = ownedStop.Task;
                TransitionLocked(DaemonState.Stopping);
            }
            else if (_state != DaemonState.Stopping || _stopTask is null)
            {
                throw new DaemonLifecycleException(
                    DaemonErrorKind.NotRunning,
                    $"Daemon '{_options.Name}' is not running (it is {_state.ToString().ToLowerInvariant()}).");
            }

            stop = _stopTask;
        }

        if (ownedStop is null)
        {
            await stop.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        RaiseStateChanges();
        Log.Stopping(_logger, _options.Name);
        try
        {
            await StopCoreAsync(cancellationToken).ConfigureAwait(false);
            ownedStop.SetResult();
        }
        catch (OperationCanceledException ex)
        {
            ownedStop.SetCanceled(ex.CancellationToken);
            throw;
        }
        catch (Exception ex)
        {
            ownedStop.SetException(ex);
            // Joiners may have given up waiting; do not let the shared copy go unobserved.
            _ = ownedStop.Task.Exception;
            throw;
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        ImmutableArray<ShutdownHandler> handlers = _handlers;
        TimeSpan timeout = _options.ShutdownTimeout;
        var handlerFailures = new List<Exception>();
        int unfinished = 0;
        bool timedOut;

        using (var deadline = new CancellationTokenSource(timeout, _options.TimeProvider))
        using (var shutdown = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken))
        {
            for (int i = handlers.Length - 1; i >= 0; i--)
            {
                if (shutdown.IsCancellationRequested)
                {
                    unfinished = i + 1;
                    break;
                }

                ShutdownHandler handler = handlers[i];
                CancellationToken token = shutdown.Token;
                Task running = Task.Run(() => handler(token) ?? Task.CompletedTask, CancellationToken.None);
                try
                {
                    await running.WaitAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
                {
                    ObserveAbandoned(running);
                    unfinished = i + 1;
                    break;
                }
                catch (Exception ex)
                {
                    Log.ShutdownHandlerFailed(_logger, _options.Name, ex);
                    handlerFailures.Add(ex);
                }
            }

            timedOut = deadline.IsCancellationRequested && unfinished > 0;
        }

        Exception? releaseFailure = ReleaseAndMarkStopped();
        List<Exception> allFailures = releaseFailure is null ? handlerFailures : [.. handlerFailures, releaseFailure];
        AggregateException? inner = allFailures.Count > 0 ? new AggregateException(allFailures) : null;

        if (unfinished > 0 && !timedOut)
        {
            Log.StopCancelled(_logger, _options.Name, unfinished);
            throw new OperationCanceledException(
                $"Stopping daemon '{_options.Name}' was cancelled; {unfinished} shutdown handler(s) did not finish. The lock was released.",
                inner,
                cancellationToken);
        }

        if (timedOut)
        {
            Log.ShutdownTimedOut(_logger, _options.Name, timeout, unfinished);
            throw new DaemonLifecycleException(
                DaemonErrorKind.ShutdownTimeout,
                $"Daemon '{_options.Name}' did not shut down within {timeout.TotalSeconds:0.###} s; " +
                $"{unfinished} shutdown handler(s) did not finish. The lock was released.",
                innerException: inner);
        }

        if (handlerFailures.Count > 0)
        {
            throw new DaemonLifecycleException(
                DaemonErrorKind.ShutdownFailed,
                $"Daemon '{_options.Name}' stopped, but {handlerFailures.Count} shutdown handler(s) failed; first: {handlerFailures[0].Message}",
                innerException: inner);
        }

        if (releaseFailure is not null)
        {
            throw new DaemonLifecycleException(
                DaemonErrorKind.PidError,
                $"Daemon '{_options.Name}' stopped, but its PID file could not be removed: {releaseFailure.Message}",
                innerException: inner);
        }
    }

    private Exception? ReleaseAndMarkStopped()
    {
        PidLock? pidLock;
        lock (_gate)
        {
            pidLock = _pidLock;
            _pidLock = null;
        }

        Exception? failure = null;
        try
        {
            pidLock?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure = ex; // PidLock released the lock itself before rethrowing.
        }

        TaskCompletionSource stopped;
        lock (_gate)
        {
            _startedAt = null;
            _stopTask = null;
            stopped = _stopped;
            TransitionLocked(DaemonState.Stopped);
        }

        Log.Stopped(_logger, _options.Name);
        RaiseStateChanges();
        stopped.TrySetResult();
        return failure;
    }

    private void ObserveAbandoned(Task handler) =>
        _ = handler.ContinueWith(
            static (task, state) =>
            {
                var (logger, name) = ((ILogger, string))state!;
                Log.AbandonedShutdownHandlerFailed(logger, name, task.Exception!.GetBaseException());
            },
            (_logger, _options.Name),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
