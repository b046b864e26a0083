using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Streaming;

/// <summary>
/// The live tap: captured entries go to every follower whose filter matches. The follower list is an
/// immutable array swapped on change, so publishing (on the capture path) takes no lock.
/// </summary>
internal sealed class LogStreamHub : ILogTap
{
    private readonly Lock _gate = new();
    private LogFollower[] _followers = [];

    public bool IsActive => Volatile.Read(ref _followers).Length > 0;

    public void Publish(LogEntry entry)
    {
        foreach (var follower in Volatile.Read(ref _followers))
        {
            follower.Offer(entry);
        }
    }

    public void Add(LogFollower follower)
    {
        lock (_gate)
        {
            _followers = [.. _followers, follower];
        }
    }

    public void Remove(LogFollower follower)
    {
        lock (_gate)
        {
            _followers = [.. _followers.Where(f => f != follower)];
        }
    }
}
