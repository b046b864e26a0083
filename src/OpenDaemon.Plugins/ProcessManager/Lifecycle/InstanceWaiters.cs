namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// The callers waiting on an instance: a start is answered once it is online (or settled down), a stop
/// once it is down. Owned by the actor's loop.
/// </summary>
/// <param name="publish">
/// Makes a snapshot the one readers see (the actor's): called before any caller is answered with it, so that a
/// caller who reads the instance right after its answer (on another thread: answers run asynchronously) never
/// sees an older picture than the answer — <c>od restart</c> then <c>od ls</c> showing it still stopping.
/// </param>
internal sealed class InstanceWaiters(Action<InstanceSnapshot> publish)
{
    private readonly List<TaskCompletionSource<InstanceSnapshot>> _starts = [];
    private readonly List<TaskCompletionSource<InstanceSnapshot>> _stops = [];

    public void AddStart(TaskCompletionSource<InstanceSnapshot> done) => _starts.Add(done);

    public void AddStop(TaskCompletionSource<InstanceSnapshot> done) => _stops.Add(done);

    public void AnswerStarts(Func<InstanceSnapshot> snapshot) => Answer(_starts, snapshot);

    public void AnswerStops(Func<InstanceSnapshot> snapshot) => Answer(_stops, snapshot);

    private void Answer(List<TaskCompletionSource<InstanceSnapshot>> waiters, Func<InstanceSnapshot> snapshot)
    {
        if (waiters.Count == 0)
        {
            return;
        }

        var answer = snapshot();
        publish(answer);
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(answer);
        }

        waiters.Clear();
    }
}
