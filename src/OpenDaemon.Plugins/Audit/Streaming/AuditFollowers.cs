using System.Collections.Concurrent;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.Audit.Reading;

namespace OpenDaemon.Plugins.Audit.Streaming;

/// <summary>
/// The live followers of the audit log. The writer's loop publishes each line to an immutable array of
/// followers (replaced whole under a lock when one comes or goes), so publishing takes no lock. A
/// stream lives until <c>audit.unstream</c>, its connection closes, or the plugin stops.
/// </summary>
internal sealed class AuditFollowers
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(long Connection, int Stream), AuditFollower> _streams = new();
    private AuditFollower[] _followers = [];
    private int _nextStreamId;

    public void Publish(AuditEntry entry, byte[] line)
    {
        foreach (var follower in Volatile.Read(ref _followers))
        {
            follower.Offer(entry, line);
        }
    }

    public AuditStreamStarted Start(AuditStreamParams parameters, IIpcPeer peer)
    {
        var id = Interlocked.Increment(ref _nextStreamId);
        var follower = new AuditFollower(id, peer.ConnectionId, AuditEntryFilter.From(parameters));
        _streams[(peer.ConnectionId, id)] = follower;
        lock (_gate)
        {
            _followers = [.. _followers, follower];
        }

        _ = RunAsync(follower, peer);
        return new AuditStreamStarted(id);
    }

    public AuditUnstreamResult Stop(int streamId, IIpcPeer peer)
    {
        // Removed here, not only when its pump ends: a second unstream right after must find nothing.
        var found = _streams.TryRemove((peer.ConnectionId, streamId), out var follower);
        follower?.Complete();
        return new AuditUnstreamResult(streamId, found);
    }

    public void CompleteAll()
    {
        foreach (var follower in _streams.Values)
        {
            follower.Complete();
        }
    }

    // The pump's owner: it removes the follower whatever ends the pump (PumpAsync catches its own failures).
    private async Task RunAsync(AuditFollower follower, IIpcPeer peer)
    {
        try
        {
            await follower.PumpAsync(peer, peer.Closed).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _followers = [.. _followers.Where(existing => existing != follower)];
            }

            _streams.TryRemove((peer.ConnectionId, follower.StreamId), out _);
        }
    }
}
