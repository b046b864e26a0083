namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// The callers waiting on an instance: a start is answered once it is online (or settled down), a stop
/// once it is down. Owned by the actor's loop.
/// </summary>
internal sealed class InstanceWaiters
{
    private readonly List<TaskCompletionSource<InstanceSnapshot>> _starts = [];
    private readonly List<TaskCompletionSource<InstanceSnapshot>> _stops = [];

    public void AddStart(TaskCompletionSource<InstanceSnapshot> done) => _starts.Add(done);

    public void AddStop(TaskCompletionSource<InstanceSnapshot> done) => _stops.Add(done);

    public void AnswerStarts(Func<InstanceSnapshot> snapshot) => Answer(_starts, snapshot);

    public void AnswerStops(Func<InstanceSnapshot> snapshot) => Answer(_stops, snapshot);

    private static void Answer(List<TaskCompletionSource<InstanceSnapshot>> waiters, Func<InstanceSnapshot> snapshot)
    {
        if (waiters.Count == 0)
        {
            return;
        }

        var answer = snapshot();
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(answer);
        }

        waiters.Clear();
    }
}
