namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// The owner of the writers' background work (gzip, retention): runs it off the pumps' path and lets
/// the registry wait for all of it at daemon stop. Jobs log their own failures and never fault.
/// </summary>
internal sealed class BackgroundJobs
{
    private readonly Lock _lock = new();
    private readonly List<Task> _running = [];

    public Task Run(Func<Task> job)
    {
        var task = Task.Run(job);
        lock (_lock)
        {
            _running.RemoveAll(running => running.IsCompleted);
            _running.Add(task);
        }

        return task;
    }

    /// <summary>Completes when every job has ended, including jobs started while waiting.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_lock)
            {
                _running.RemoveAll(task => task.IsCompleted);
                running = [.. _running];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }
}
