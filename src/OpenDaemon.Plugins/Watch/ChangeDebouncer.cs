namespace OpenDaemon.Plugins.Watch;

/// <summary>
/// Turns a burst of file changes into one action: every change (re)arms a timer for
/// <c>delay</c>, so the action runs once the files have been quiet for that long.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="Signal"/> is called from the file system watcher's threads, the timer
/// fires on the thread pool. One lock guards the timer and the pending count; the action runs
/// outside it and never twice at once (<c>_running</c>): changes that arrive while it runs arm the
/// timer again, so they lead to one more action after it, not to a lost change.
/// </remarks>
public sealed class ChangeDebouncer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _delay;
    private readonly Func<ChangeBatch, Task> _action;
    private readonly ITimer _timer;
    private int _pending;
    private string? _firstPath;
    private bool _running;
    private bool _disposed;

    /// <summary>Creates a debouncer that calls <paramref name="action"/> <paramref name="delay"/> after the last change.</summary>
    public ChangeDebouncer(TimeSpan delay, TimeProvider time, Func<ChangeBatch, Task> action)
    {
        _delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        _action = action;
        _timer = time.CreateTimer(_ => _ = FireAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Records one change and (re)starts the quiet period.</summary>
    public void Signal(string path)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending++;
            _firstPath ??= path;
            if (!_running)
            {
                _timer.Change(_delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task FireAsync()
    {
        ChangeBatch batch;
        lock (_gate)
        {
            if (_disposed || _running || _pending == 0)
            {
                return;
            }

            batch = new ChangeBatch(_pending, _firstPath!);
            _pending = 0;
            _firstPath = null;
            _running = true;
        }

        try
        {
            await _action(batch).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _running = false;
                if (_pending > 0 && !_disposed)
                {
                    _timer.Change(_delay, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}

/// <summary>The changes one debounced action covers.</summary>
/// <param name="Count">How many change events were seen.</param>
/// <param name="FirstPath">The first changed path, for the log.</param>
public sealed record ChangeBatch(int Count, string FirstPath);
