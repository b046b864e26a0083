namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// Timers post a message into the inbox instead of running code, so their work happens inside the
// actor like everything else. Re-arming or disarming bumps a generation: a timer that fires late
// carries the old one and is ignored.
internal sealed partial class InstanceActor
{
    private readonly int[] _generations = new int[Enum.GetValues<TimerKind>().Length];
    private ITimer? _killTimer;
    private ITimer? _groupTimer;
    private ITimer? _readyTimer;
    private ITimer? _watchdogTimer;
    private ITimer? _restartTimer;
    private DateTimeOffset? _nextRestartAt;

    private void Arm(ref ITimer? timer, TimeSpan due, TimerKind kind)
    {
        timer?.Dispose();
        var message = new TimerEvent(_run, kind, ++_generations[(int)kind]);
        timer = _services.Time.CreateTimer(
            static state =>
            {
                var (actor, message) = (TimerState)state!;
                actor.Post(message);
            },
            new TimerState(this, message),
            due,
            Timeout.InfiniteTimeSpan);
    }

    private void Disarm(ref ITimer? timer, TimerKind kind)
    {
        _generations[(int)kind]++;
        timer?.Dispose();
        timer = null;
    }

    private bool IsCurrent(TimerEvent timer) => _generations[(int)timer.Kind] == timer.Generation;

    private void CancelScheduledRestart()
    {
        Disarm(ref _restartTimer, TimerKind.Restart);
        _nextRestartAt = null;
    }

    private sealed record TimerState(InstanceActor Actor, TimerEvent Message);
}
