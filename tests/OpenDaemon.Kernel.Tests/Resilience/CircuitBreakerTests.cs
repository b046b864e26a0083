using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Kernel.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() => _breaker = new CircuitBreaker(new CircuitBreakerOptions(), _time);

    [Fact]
    public void RecordFailure_FailuresSpreadBeyondWindow_StaysClosed()
    {
        for (int i = 0; i < 4; i++)
        {
            _breaker.RecordFailure();
        }

        _time.Advance(TimeSpan.FromSeconds(61));
        bool opened = _breaker.RecordFailure();

        Assert.False(opened);
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal(5, _breaker.FailureCount);
    }

    [Fact]
    public void TryAcquire_HalfOpen_LetsExactlyOneTrialThrough()
    {
        for (int i = 0; i < 5; i++)
        {
            _breaker.RecordFailure();
        }

        Assert.False(_breaker.TryAcquire());
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_breaker.TryAcquire());
        Assert.False(_breaker.TryAcquire());
        _breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.True(_breaker.TryAcquire());
    }
}
