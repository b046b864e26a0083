using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.HealthCheck;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>Timing and thresholds of one watch on a fake clock: interval, timeout, thresholds, initial delay, no overlap, events.</summary>
public sealed class HealthWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EventBus _events;
    private readonly ConcurrentQueue<(string Topic, HealthEvent Event)> _published = new();
    private readonly IDisposable _subscription;
    private readonly Channel<HealthReport> _reports = Channel.CreateUnbounded<HealthReport>();
    private readonly ScriptedProbe _probe = new();
    private HealthWatch? _watch;

    public HealthWatchTests()
    {
        _events = new EventBus(NullLogger.Instance, _time);
        _subscription = _events.Subscribe("health:*", (e, _) =>
        {
            _published.Enqueue((e.Topic, e.Payload.Deserialize(ContractsJsonContext.Default.HealthEvent)!));
            return ValueTask.CompletedTask;
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes a test class through IAsyncLifetime only; IAsyncDisposable alone is never called.
    public async Task DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);
        }

        _subscription.Dispose();
    }

    [Fact]
    public async Task FailureThreshold3_UnhealthyOnTheThirdFailureAndReachedOncePerEpisode()
    {
        _probe.Then(false, false, false, false, true, false, false, false);
        Watch(new HealthCheckConfig { Interval = Interval, FailureThreshold = 3 });

        var reports = new List<HealthReport>();
        for (var i = 0; i < 8; i++)
        {
            reports.Add(await NextReportAsync());
            _time.Advance(Interval);
        }

        Assert.Equal(
            [HealthStatus.Unknown, HealthStatus.Unknown, HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Unhealthy],
            reports.Select(r => r.Health.Status));
        Assert.Equal([false, false, true, false, false, false, false, true], reports.Select(r => r.FailureThresholdReached));
        Assert.Equal(3, reports[2].Health.ConsecutiveFailures);
        Assert.Equal("check 3 bad", reports[2].Health.Message);
        Assert.Equal(_time.Start + (2 * Interval), reports[2].Health.LastTransitionAt);
    }

    [Fact]
    public async Task SuccessThreshold2_HealthyOnlyAfterTwoPassesInARow()
    {
        _probe.Then(true, false, true, true, false);
        Watch(new HealthCheckConfig { Interval = Interval, SuccessThreshold = 2 });

        var statuses = new List<HealthStatus>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await NextReportAsync()).Health.Status);
            _time.Advance(Interval);
        }

        // One failure does not undo healthy below the failure threshold (3).
        Assert.Equal([HealthStatus.Unknown, HealthStatus.Unknown, HealthStatus.Unknown, HealthStatus.Healthy, HealthStatus.Healthy], statuses);
    }

    [Fact]
    public async Task InitialDelay_NoCheckBeforeItHasPassed()
    {
        _probe.Then(true);
        Watch(new HealthCheckConfig { Interval = Interval, InitialDelay = TimeSpan.FromSeconds(30) });

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _probe.CallCount);
        _time.Advance(TimeSpan.FromSeconds(1));

        var report = await NextReportAsync();
        Assert.Equal(1, _probe.CallCount);
        Assert.Equal(HealthStatus.Healthy, report.Health.Status);
        Assert.Equal(_time.Start + TimeSpan.FromSeconds(30), report.Health.LastCheckAt);
    }

    [Fact]
    public async Task HungProbe_IsCutAtTheTimeoutAsAFailure()
    {
        Watch(new HealthCheckConfig { Interval = Interval, Timeout = TimeSpan.FromSeconds(5) });
        await _probe.Calls.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Short);

        _time.Advance(TimeSpan.FromSeconds(5));
        var report = await NextReportAsync();

        Assert.Equal(false, report.Health.LastPassed);
        Assert.Equal("timed out after 5s", report.Health.Message);
        Assert.Equal(5000, report.Health.LatencyMs);
    }

    [Fact]
    public async Task SlowProbe_NeverOverlapsAndTheNextCheckIsTimedFromItsEnd()
    {
        Watch(new HealthCheckConfig { Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(1) });
        await _probe.Calls.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Short);

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, _probe.CallCount);
        _probe.Then(true);
        _probe.Release(true);
        await NextReportAsync();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, _probe.CallCount);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await _probe.Calls.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Short));
        Assert.Equal(1, _probe.MaxConcurrent);
    }

    [Fact]
    public async Task StatusChanges_ArePublishedAsHealthEvents()
    {
        _probe.Then(true, false, false, false);
        Watch(new HealthCheckConfig { Interval = Interval, Action = HealthCheckAction.Notify });

        for (var i = 0; i < 4; i++)
        {
            await NextReportAsync();
            _time.Advance(Interval);
        }

        await Poll.UntilAsync(() => _published.Count == 4, "four health events are published");
        var published = _published.ToList();
        Assert.Equal(["health:passed", "health:changed", "health:failed", "health:changed"], published.Select(p => p.Topic));
        var failed = published[2].Event;
        Assert.Equal("notify", failed.Action);
        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Equal(HealthStatus.Healthy, failed.PreviousStatus);
        Assert.Equal(("api", 7, 1, 4242, "check 4 bad"), (failed.Name, failed.Id, failed.Instance, failed.Pid, failed.Message));
        Assert.Null(published[0].Event.Action);
    }

    [Fact]
    public async Task Dispose_WhileAProbeHangs_ReturnsAndNothingIsReportedAfter()
    {
        Watch(new HealthCheckConfig { Interval = Interval });
        await _probe.Calls.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Short);

        await _watch!.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);
        _probe.Release(true);
        _time.Advance(Interval * 3);

        Assert.False(_reports.Reader.TryRead(out _));
        Assert.Equal(1, _probe.CallCount);
    }

    private void Watch(HealthCheckConfig check) =>
        _watch = new HealthWatch(
            new HealthTarget("api", 7, 1, 4242, check),
            _probe,
            report => _reports.Writer.TryWrite(report),
            new HealthWatchServices(_time, _events, NullLogger.Instance),
            _ => { });

    private Task<HealthReport> NextReportAsync() => _reports.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Short);
}
