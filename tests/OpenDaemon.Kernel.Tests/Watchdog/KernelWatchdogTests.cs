using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Kernel.Watchdog;

namespace OpenDaemon.Kernel.Tests.Watchdog;

public sealed class KernelWatchdogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Queue<Action> _held = new();

    [Fact]
    public async Task Tick_ProbeNotServicedWithinThreshold_ReportsStallOnceThenRecovers()
    {
        // The "thread pool" holds probes until the test runs them: a stalled kernel on a fake clock.
        await using var watchdog = new KernelWatchdog(new WatchdogOptions(), _time, NullLogger.Instance, _held.Enqueue);
        watchdog.Start();

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(_held);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(watchdog.Status.Healthy);

        _time.Advance(TimeSpan.FromSeconds(1));
        var stalled = watchdog.Status;
        Assert.False(stalled.Healthy);
        Assert.Equal(1, stalled.StallCount);
        Assert.Equal(_time.GetUtcNow(), stalled.LastStallAt);
        Assert.Equal(TimeSpan.FromSeconds(5), stalled.CurrentStall);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal((1, TimeSpan.FromSeconds(8)), (watchdog.Status.StallCount, watchdog.Status.CurrentStall));
        Assert.Single(_held);

        _held.Dequeue()();
        var recovered = watchdog.Status;
        Assert.True(recovered.Healthy);
        Assert.Equal(TimeSpan.FromSeconds(8), recovered.LastLag);
        Assert.Null(recovered.CurrentStall);
        Assert.Equal(1, recovered.StallCount);
    }

    [Fact]
    public async Task Tick_ProbeServicedPromptly_StaysHealthy()
    {
        await using var watchdog = new KernelWatchdog(new WatchdogOptions(), _time, NullLogger.Instance, work => work());
        watchdog.Start();

        for (int i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(new WatchdogStatus(true, TimeSpan.Zero, 0, null, null), watchdog.Status);
    }
}
