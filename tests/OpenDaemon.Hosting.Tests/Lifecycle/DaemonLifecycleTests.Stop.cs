using System.Collections.Concurrent;
using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Tests.Lifecycle;

public sealed partial class DaemonLifecycleTests
{
    [Fact]
    public async Task StopAsync_WhenStopped_ThrowsNotRunning()
    {
        await using DaemonLifecycle daemon = CreateDaemon();

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => daemon.StopAsync(Deadline()));

        Assert.Equal(DaemonErrorKind.NotRunning, ex.Kind);
        Assert.Empty(_states);
    }

    [Fact]
    public async Task StopAsync_RunsHandlersInReverseOrderAndAllRunWhenOneThrows()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        var ran = new ConcurrentQueue<int>();
        var failure = new InvalidOperationException("cache flush failed");
        daemon.OnShutdown(_ => Record(1));
        daemon.OnShutdown(_ =>
        {
            ran.Enqueue(2);
            throw failure;
        });
        daemon.OnShutdown(async _ =>
        {
            await Task.Yield();
            await Record(3);
        });
        await daemon.StartAsync(Deadline());

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => daemon.StopAsync(Deadline()));

        Assert.Equal([3, 2, 1], ran);
        Assert.Equal(DaemonErrorKind.ShutdownFailed, ex.Kind);
        Assert.Same(failure, Assert.Single(Assert.IsType<AggregateException>(ex.InnerException).InnerExceptions));
        Assert.Contains("cache flush failed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.False(PidLock.IsHeld(LockPath));
        Assert.False(File.Exists(PidPath));

        Task Record(int id)
        {
            ran.Enqueue(id);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task StopAsync_CalledConcurrently_SharesOneStop()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;
        daemon.OnShutdown(async _ =>
        {
            Interlocked.Increment(ref runs);
            handlerStarted.SetResult();
            await release.Task;
        });
        await daemon.StartAsync(Deadline());

        Task first = daemon.StopAsync(Deadline());
        await handlerStarted.Task.WaitAsync(TestTimeouts.Short);
        Task second = daemon.StopAsync(Deadline());

        Assert.False(second.IsCompleted); // the second caller waits for the first stop
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TestTimeouts.Short);
        Assert.Equal(1, runs);
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.Equal([DaemonState.Starting, DaemonState.Running, DaemonState.Stopping, DaemonState.Stopped], _states);
    }

    [Fact]
    public async Task StopAsync_JoiningAFailingStop_SeesTheSameFailure()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daemon.OnShutdown(async _ =>
        {
            handlerStarted.SetResult();
            await release.Task;
            throw new IOException("disk gone");
        });
        await daemon.StartAsync(Deadline());
        Task first = daemon.StopAsync(Deadline());
        await handlerStarted.Task.WaitAsync(TestTimeouts.Short);
        Task second = daemon.StopAsync(Deadline());

        release.SetResult();

        var firstEx = await Assert.ThrowsAsync<DaemonLifecycleException>(() => first.WaitAsync(TestTimeouts.Short));
        var secondEx = await Assert.ThrowsAsync<DaemonLifecycleException>(() => second.WaitAsync(TestTimeouts.Short));
        Assert.Same(firstEx, secondEx);
        Assert.Equal(DaemonErrorKind.ShutdownFailed, firstEx.Kind);
    }

    [Fact]
    public async Task StateChanged_SubscriberThatThrows_DoesNotBreakLifecycleOrOtherSubscribers()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        daemon.StateChanged += _ => throw new InvalidOperationException("bad subscriber");
        var seen = new ConcurrentQueue<DaemonState>();
        daemon.StateChanged += seen.Enqueue;

        await daemon.StartAsync(Deadline());
        await daemon.StopAsync(Deadline());

        Assert.Equal([DaemonState.Starting, DaemonState.Running, DaemonState.Stopping, DaemonState.Stopped], seen);
    }
}
