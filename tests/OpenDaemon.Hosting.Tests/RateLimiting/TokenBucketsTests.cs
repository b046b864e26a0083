using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.RateLimiting;

namespace OpenDaemon.Hosting.Tests.RateLimiting;

/// <summary>Per-client token buckets on a fake clock: burst, refill, retry-after, clients apart, pruning.</summary>
public sealed class TokenBucketsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryAcquire_PastTheBurst_RefusesWithTheWaitForOneToken()
    {
        var buckets = new TokenBuckets(requestsPerSecond: 4, burst: 3, _time);

        var granted = Enumerable.Range(0, 3).Count(i => buckets.TryAcquire("a", out _));
        var refused = buckets.TryAcquire("a", out var retryAfter);

        Assert.Equal(3, granted);
        Assert.False(refused);
        Assert.Equal(TimeSpan.FromMilliseconds(250), retryAfter);
    }

    [Fact]
    public void TryAcquire_AfterWaiting_RefillsAtTheRateUpToTheBurst()
    {
        var buckets = new TokenBuckets(requestsPerSecond: 2, burst: 2, _time);
        buckets.TryAcquire("a", out _);
        buckets.TryAcquire("a", out _);

        _time.Advance(TimeSpan.FromSeconds(10));
        var granted = Enumerable.Range(0, 5).Count(i => buckets.TryAcquire("a", out _));

        Assert.Equal(2, granted);
    }

    [Fact]
    public void TryAcquire_OneClientEmpty_OtherClientsUnaffected()
    {
        var buckets = new TokenBuckets(requestsPerSecond: 1, burst: 1, _time);
        buckets.TryAcquire("a", out _);

        Assert.False(buckets.TryAcquire("a", out _));
        Assert.True(buckets.TryAcquire("b", out _));
    }

    [Fact]
    public void TryAcquire_ManyIdleClients_FullBucketsAreDropped()
    {
        var buckets = new TokenBuckets(requestsPerSecond: 10, burst: 1, _time);
        for (var i = 0; i < 1100; i++)
        {
            buckets.TryAcquire("client-" + i, out _);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        buckets.TryAcquire("late", out _);

        Assert.True(buckets.Count < 10, $"{buckets.Count} buckets kept");
    }
}
