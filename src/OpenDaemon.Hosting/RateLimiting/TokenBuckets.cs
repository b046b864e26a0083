using System.Collections.Concurrent;

namespace OpenDaemon.Hosting.RateLimiting;

// Overview: one token bucket per client key (a uid on the Unix socket, a token id or an address on the
// API). A bucket holds at most Burst tokens and gains RequestsPerSecond of them per second; a request
// takes one. Buckets are refilled lazily from the TimeProvider's timestamp when a request arrives, so
// there is no timer and a fake clock makes tests exact. Each bucket is a small object guarded by its own
// lock (held for a few arithmetic operations, never across an await); the dictionary is concurrent.
// A bucket that has refilled to Burst is indistinguishable from a new one, so when the table grows past
// PruneThreshold the full ones are dropped: memory stays bounded by the clients active in the last
// Burst / RequestsPerSecond seconds.

/// <summary>Per-client token buckets: <see cref="RequestsPerSecond"/> on average, bursts up to <see cref="Burst"/>.</summary>
public sealed class TokenBuckets
{
    private const int PruneThreshold = 1024;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the buckets; both numbers must be positive.</summary>
    public TokenBuckets(int requestsPerSecond, int burst, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RequestsPerSecond = requestsPerSecond;
        Burst = burst;
        _timeProvider = timeProvider;
    }

    /// <summary>Requests one client may make per second, on average.</summary>
    public int RequestsPerSecond { get; }

    /// <summary>Requests one client may make at once above the average.</summary>
    public int Burst { get; }

    /// <summary>Clients with a bucket right now (full buckets may already have been dropped).</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes one request from <paramref name="client"/>'s bucket; when it is empty, says how long until the next request fits.</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = _timeProvider.GetTimestamp();
        if (_buckets.Count > PruneThreshold)
        {
            Prune(now);
        }

        var bucket = _buckets.GetOrAdd(client, static (_, state) => new Bucket(state.Burst, state.Now), (Burst, Now: now));
        return bucket.TryTake(now, this, out retryAfter);
    }

    private void Prune(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull(now, this))
            {
                _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
            }
        }
    }

    private double Refilled(double tokens, long from, long to) =>
        Math.Min(Burst, tokens + (_timeProvider.GetElapsedTime(from, to).TotalSeconds * RequestsPerSecond));

    private sealed class Bucket(int tokens, long stamp)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        public bool TryTake(long now, TokenBuckets owner, out TimeSpan retryAfter)
        {
            lock (_gate)
            {
                if (now > _stamp)
                {
                    _tokens = owner.Refilled(_tokens, _stamp, now);
                    _stamp = now;
                }

                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((1 - _tokens) / owner.RequestsPerSecond);
                return false;
            }
        }

        public bool IsFull(long now, TokenBuckets owner)
        {
            lock (_gate)
            {
                return owner.Refilled(_tokens, _stamp, Math.Max(now, _stamp)) >= owner.Burst;
            }
        }
    }
}
