using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.Health;

namespace OpenDaemon.Hosting.Tests.Health;

public sealed class HealthCheckerTests
{
    [Fact]
    public async Task CheckAsync_RunsChecksInParallel()
    {
        // Each check finishes only after the other has started: sequential execution would time out.
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checker = new HealthChecker(
        [
            new HealthCheck("a", async ct => await MeetAsync(aStarted, bStarted, ct)),
            new HealthCheck("b", async ct => await MeetAsync(bStarted, aStarted, ct)),
        ]);

        HealthStatus status = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.True(status.Healthy);
        Assert.True(status.Checks["a"].Healthy);
        Assert.True(status.Checks["b"].Healthy);
    }

    [Fact]
    public async Task CheckAsync_OneCheckFails_IsUnhealthyWithItsMessageAndKeepsOthers()
    {
        var checker = new HealthChecker(
        [
            new HealthCheck("database", _ => Task.FromResult(HealthCheckResult.Pass())),
            new HealthCheck("cache", _ => Task.FromResult(HealthCheckResult.Fail("Connection refused"))),
        ]);

        HealthStatus status = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.False(status.Healthy);
        Assert.Equal(["database", "cache"], status.Checks.Keys);
        Assert.Equal(new HealthCheckResult(true), status.Checks["database"]);
        Assert.Equal(new HealthCheckResult(false, "Connection refused"), status.Checks["cache"]);
    }

    [Fact]
    public async Task CheckAsync_CheckThrows_IsUnhealthyWithExceptionMessage()
    {
        var checker = new HealthChecker(
        [
            new HealthCheck("sync-throw", _ => throw new InvalidOperationException("boom")),
            new HealthCheck("async-throw", async _ =>
            {
                await Task.Yield();
                throw new TimeoutException("queue did not answer");
            }),
        ]);

        HealthStatus status = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.False(status.Healthy);
        Assert.Equal(HealthCheckResult.Fail("boom"), status.Checks["sync-throw"]);
        Assert.Equal(HealthCheckResult.Fail("queue did not answer"), status.Checks["async-throw"]);
    }

    [Fact]
    public async Task CheckAsync_CheckOverrunsTimeout_IsUnhealthyWithTimeoutMessage()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<HealthCheckResult>();
        var checker = new HealthChecker(
            [
                // Alone on purpose: on the shared fake clock, any check still in flight at Advance times out too.
                new HealthCheck("hung", _ =>
                {
                    started.SetResult();
                    return never.Task; // ignores its token
                }),
            ],
            time,
            TimeSpan.FromSeconds(2));

        Task<HealthStatus> check = checker.CheckAsync(CancellationToken.None);
        await started.Task.WaitAsync(TestTimeouts.Short);
        time.Advance(TimeSpan.FromSeconds(2));
        HealthStatus status = await check.WaitAsync(TestTimeouts.Short);

        Assert.False(status.Healthy);
        Assert.False(status.Checks["hung"].Healthy);
        Assert.Contains("Timed out after 2 s", status.Checks["hung"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_CallerCancels_Throws()
    {
        var checker = new HealthChecker([new HealthCheck("slow", async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return HealthCheckResult.Pass();
        })]);
        using var cts = new CancellationTokenSource();

        Task<HealthStatus> check = checker.CheckAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.WaitAsync(TestTimeouts.Short));
    }

    [Fact]
    public async Task Register_AtRunTime_IsIncludedAndSameNameReplaces()
    {
        var checker = new HealthChecker([new HealthCheck("queue", _ => Task.FromResult(HealthCheckResult.Pass()))]);
        HealthStatus before = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        checker.Register(new HealthCheck("disk", _ => Task.FromResult(HealthCheckResult.Pass())));
        checker.Register(new HealthCheck("queue", _ => Task.FromResult(HealthCheckResult.Fail("Queue disconnected"))));
        HealthStatus after = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.True(before.Healthy);
        Assert.Equal(["queue", "disk"], after.Checks.Keys);
        Assert.Equal("Queue disconnected", after.Checks["queue"].Message);
        Assert.False(after.Healthy);
    }

    [Fact]
    public async Task Register_FromManyThreads_KeepsEveryCheck()
    {
        var checker = new HealthChecker();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            checker.Register(new HealthCheck($"c{i}", _ => Task.FromResult(HealthCheckResult.Pass()))))))
            .WaitAsync(TestTimeouts.Short);

        HealthStatus status = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);
        Assert.Equal(50, status.Checks.Count);
    }

    [Fact]
    public async Task CheckAsync_NoChecks_IsHealthy()
    {
        HealthStatus status = await new HealthChecker().CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.True(status.Healthy);
        Assert.Empty(status.Checks);
    }

    [Fact]
    public async Task CheckAsync_Uptime_CountsFromCheckerCreation()
    {
        var time = new FakeTimeProvider();
        time.Advance(TimeSpan.FromHours(1)); // before creation: must not count
        var checker = new HealthChecker(timeProvider: time);

        time.Advance(TimeSpan.FromSeconds(90));
        HealthStatus status = await checker.CheckAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.Equal(TimeSpan.FromSeconds(90), status.Uptime);
    }

    private static async Task<HealthCheckResult> MeetAsync(TaskCompletionSource self, TaskCompletionSource other, CancellationToken ct)
    {
        self.SetResult();
        await other.Task.WaitAsync(TestTimeouts.Short, ct);
        return HealthCheckResult.Pass();
    }
}
