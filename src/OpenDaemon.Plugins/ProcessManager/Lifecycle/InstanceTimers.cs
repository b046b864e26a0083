namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// Timers that post a <see cref="TimerEvent"/> into the actor's inbox instead of running code, so their
/// work happens inside the actor like everything else. Each run has its own set (kill, group check,
/// ready, watchdog), disposed with the run; the actor keeps one more for the backoff restart between runs.
/// </summary>
/// <remarks>
/// Re-arming or disarming bumps the kind's generation, and every event carries the run it belongs to:
/// a timer that fires late (its callback was already queued when it was disposed) carries an old
/// generation or an old run and <see cref="IsCurrent"/> says no.
/// </remarks>
internal sealed class InstanceTimers(TimeProvider time, Action<InstanceMessage> post, int run) : IDisposable
{
    private static readonly int Kinds = Enum.GetValues<TimerKind>().Length;

    private readonly ITimer?[] _timers = new ITimer?[Kinds];
    private readonly int[] _generations = new int[Kinds];

    /// <summary>(Re)arms <paramref name="kind"/> to fire once after <paramref name="due"/>.</summary>
    public void Arm(TimerKind kind, TimeSpan due)
    {
        var slot = (int)kind;
        _timers[slot]?.Dispose();
        var message = new TimerEvent(run, kind, ++_generations[slot]);
        _timers[slot] = time.CreateTimer(
            static state =>
            {
                var (post, message) = (TimerState)state!;
                post(message);
            },
            new TimerState(post, message),
            due,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Arms <paramref name="kind"/> like <see cref="Arm"/> and returns what fires it early, from any thread:
    /// the same event as the timer's, so whichever comes second finds it handled (disarmed) and stale.
    /// </summary>
    public Action ArmWithEarlyFire(TimerKind kind, TimeSpan due)
    {
        Arm(kind, due);
        var message = new TimerEvent(run, kind, _generations[(int)kind]);
        return () => post(message);
    }

    public void Disarm(TimerKind kind)
    {
        var slot = (int)kind;
        _generations[slot]++;
        _timers[slot]?.Dispose();
        _timers[slot] = null;
    }

    /// <summary>True when <paramref name="timer"/> is the latest arming of its kind in this set.</summary>
    public bool IsCurrent(TimerEvent timer) => timer.Run == run && _generations[(int)timer.Kind] == timer.Generation;

    public void Dispose()
    {
        foreach (var kind in Enum.GetValues<TimerKind>())
        {
            Disarm(kind);
        }
    }

    private sealed record TimerState(Action<InstanceMessage> Post, TimerEvent Message);
}
