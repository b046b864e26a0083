using System.Threading.RateLimiting;

namespace OpenDaemon.Api.Auth;

/// <summary>
/// A token bucket per client — its token id once authenticated, its address before (so guessing tokens is
/// limited too). Partitions idle long enough are dropped by the platform's partitioned limiter.
/// </summary>
internal sealed class ClientRateLimits(int perSecond, int burst) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one request from <paramref name="client"/>'s bucket; when empty, how long until it may retry.</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(client);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
