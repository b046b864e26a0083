using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Tests.Lifecycle;

public sealed partial class DaemonLifecycleTests
{
    [Fact]
    public async Task StopAsync_HandlerIgnoringTokenOverrunsFakeDeadline_ThrowsShutdownTimeoutAndReleasesEverything()
    {
        await using DaemonLifecycle daemon = CreateDaemon(shutdownTimeout: TimeSpan.FromSeconds(5));
        var earlierHandlerRan = false;
        var hungStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        daemon.OnShutdown(_ =>
        {
            earlierHandlerRan = true;
            return Task.CompletedTask;
        });
        daemon.OnShutdown(_ =>
        {
            hungStarted.SetResult();
            return never.Task; // ignores its token on purpose
        });
        await daemon.StartAsync(Deadline());

        Task stop = daemon.StopAsync(Deadline());
        await hungStarted.Task.WaitAsync(TestTimeouts.Short);
        Assert.False(stop.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => stop.WaitAsync(TestTimeouts.Short));
        Assert.Equal(DaemonErrorKind.ShutdownTimeout, ex.Kind);
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.False(File.Exists(PidPath));
        Assert.False(earlierHandlerRan); // skipped: it must not run concurrently with the abandoned one
        using PidLock next = PidLock.Acquire(LockPath, PidPath);
        await daemon.Stopped.WaitAsync(TestTimeouts.Short);
    }

    [Fact]
    public async Task StopAsync_HandlerHonouringTokenOverrunsRealDeadline_ThrowsShutdownTimeoutAndReleasesLock()
    {
        await using DaemonLifecycle daemon = CreateDaemon(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        CancellationToken seen = default;
        daemon.OnShutdown(async ct =>
        {
            seen = ct;
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await daemon.StartAsync(Deadline());

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => daemon.StopAsync(Deadline()).WaitAsync(TestTimeouts.Short));

        Assert.Equal(DaemonErrorKind.ShutdownTimeout, ex.Kind);
        Assert.True(seen.IsCancellationRequested);
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.False(File.Exists(PidPath));
        using PidLock next = PidLock.Acquire(LockPath, PidPath);
    }

    [Fact]
    public async Task StopAsync_HandlerBlockingItsThread_StillTimesOut()
    {
        await using DaemonLifecycle daemon = CreateDaemon(shutdownTimeout: TimeSpan.FromSeconds(1));
        using var unblock = new ManualResetEventSlim();
        var blocking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daemon.OnShutdown(_ =>
        {
            blocking.SetResult();
            unblock.Wait(TestTimeouts.Short); // synchronous, never yields
            return Task.CompletedTask;
        });
        await daemon.StartAsync(Deadline());

        Task stop = daemon.StopAsync(Deadline());
        await blocking.Task.WaitAsync(TestTimeouts.Short);
        _time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => stop.WaitAsync(TestTimeouts.Short));
        unblock.Set();
        Assert.Equal(DaemonErrorKind.ShutdownTimeout, ex.Kind);
        Assert.False(PidLock.IsHeld(LockPath));
    }

    [Fact]
    public async Task StopAsync_CancelledByCaller_ReleasesLockAndThrowsCancellation()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daemon.OnShutdown(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await daemon.StartAsync(Deadline());
        using var cts = new CancellationTokenSource();

        Task stop = daemon.StopAsync(cts.Token);
        await started.Task.WaitAsync(TestTimeouts.Short);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stop.WaitAsync(TestTimeouts.Short));
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.False(PidLock.IsHeld(LockPath));
    }
}
