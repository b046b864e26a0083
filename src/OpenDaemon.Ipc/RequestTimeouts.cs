namespace OpenDaemon.Ipc;

// Overview: every request of an IpcClient has a deadline, but a timer per request (CancelAfter on a
// linked CancellationTokenSource, plus WaitAsync) costs allocations and timer-queue work on every
// call and showed up in the round trip's tail latency. Instead one timer per client ticks every
// Period while requests are pending and fails those past their deadline; a short-lived CLI, whose
// answers come within milliseconds, never sees it fire.
//
// Arming without a lock: a request registers itself in the client's pending table first and then
// calls EnsureRunning; a tick that finds nothing pending first clears _running, stops the timer and
// then looks at the table again. Whichever way the two interleave, a registered request is either
// seen by that second look (which re-arms) or arms the timer itself. A timeout is thus detected
// between its deadline and one Period after it.

/// <summary>The one timer that enforces the deadlines of an <see cref="IpcClient"/>'s requests.</summary>
internal sealed class RequestTimeouts : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly Func<bool> _failExpired;
    private readonly ITimer _timer;
    private int _running;

    /// <param name="failExpired">Fails every request past its deadline; returns true while requests remain pending.</param>
    /// <param name="timeProvider">The clock (tests pass a fake one).</param>
    public RequestTimeouts(Func<bool> failExpired, TimeProvider timeProvider)
    {
        _failExpired = failExpired;
        _timer = timeProvider.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts the ticks unless they run; call after registering a request.</summary>
    public void EnsureRunning()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _timer.Change(Period, Period);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        if (_failExpired())
        {
            return;
        }

        Interlocked.Exchange(ref _running, 0);
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_failExpired())
        {
            EnsureRunning();
        }
    }
}
