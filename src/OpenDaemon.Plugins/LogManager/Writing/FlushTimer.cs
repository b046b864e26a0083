namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// The one flush timer of all log files, running only while some file holds unwritten lines: a
/// timer ticking every 100 ms for a thousand idle apps would wake a thread ten times a second for
/// nothing (it was most of an idle daemon's CPU). A writer calls <see cref="Wake"/> when its first
/// unwritten line arrives; each tick runs <c>flushDue</c> (writes what is due; true while lines still
/// wait, not yet due or refused by the disk) and re-arms while lines wait (<c>anyUnwritten</c>).
/// </summary>
internal sealed class FlushTimer(TimeProvider time, TimeSpan interval, Func<bool> flushDue, Func<bool> anyUnwritten) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private int _armed;
    private bool _disposed;

    /// <summary>Makes sure a tick comes within one interval. Cheap when the timer is already armed.</summary>
    public void Wake()
    {
        // A full fence: the caller's "I have unwritten lines" is visible before this reads _armed, so
        // a tick that is disarming (below) either sees those lines or lets this call arm it again.
        if (Interlocked.CompareExchange(ref _armed, 1, 0) == 0)
        {
            Arm();
        }
    }

    public async ValueTask DisposeAsync()
    {
        ITimer? timer;
        lock (_lock)
        {
            _disposed = true;
            timer = _timer;
        }

        if (timer is not null)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Tick()
    {
        if (flushDue())
        {
            Arm();
            return;
        }

        Interlocked.Exchange(ref _armed, 0);
        if (anyUnwritten())
        {
            Wake();
        }
    }

    // One-shot: the next tick is armed by this one or by a Wake, never both (_armed decides).
    private void Arm()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_timer is null)
            {
                _timer = time.CreateTimer(_ => Tick(), null, interval, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer.Change(interval, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
