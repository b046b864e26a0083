using OpenDaemon.Hosting.Lifecycle;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Tests.Lifecycle;

public sealed partial class DaemonLifecycleTests
{
    [Fact]
    public async Task StartThenStop_GoesThroughEveryStateInOrder()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        Assert.Equal(DaemonState.Stopped, daemon.State);

        await daemon.StartAsync(Deadline());

        Assert.True(daemon.IsRunning);
        Assert.Equal(_time.GetUtcNow(), daemon.StartedAt);
        Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(PidPath));
        Assert.True(PidLock.IsHeld(LockPath));
        Task stopped = daemon.Stopped;
        Assert.False(stopped.IsCompleted);

        await daemon.StopAsync(Deadline());

        Assert.Equal([DaemonState.Starting, DaemonState.Running, DaemonState.Stopping, DaemonState.Stopped], _states);
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.Null(daemon.StartedAt);
        await stopped.WaitAsync(TestTimeouts.Short);
        Assert.False(File.Exists(PidPath));
        Assert.False(PidLock.IsHeld(LockPath));
    }

    [Fact]
    public async Task StartAsync_WhenAnotherProcessHoldsLock_ThrowsAlreadyRunningWithOwnerPidAndStaysStopped()
    {
        await using ChildProcess holder = ChildProcess.Start(
            "flock",
            ["-F", "-x", "-n", LockPath, "sh", "-c", "echo $$ > \"$0\"; echo locked; exec cat", PidPath]);
        Assert.Equal("locked", await holder.ReadLineAsync(TestTimeouts.Process));
        await using DaemonLifecycle daemon = CreateDaemon();

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => daemon.StartAsync(Deadline()));

        Assert.Equal(DaemonErrorKind.AlreadyRunning, ex.Kind);
        Assert.Equal(holder.Pid, ex.OwnerPid);
        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.Equal([DaemonState.Starting, DaemonState.Stopped], _states);
        Assert.Equal(holder.Pid, PidLock.ReadOwnerPid(PidPath)); // the owner's PID file is untouched
    }

    [Fact]
    public async Task StartAsync_WhenAlreadyRunning_ThrowsAlreadyRunning()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        await daemon.StartAsync(Deadline());

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => daemon.StartAsync(Deadline()));

        Assert.Equal(DaemonErrorKind.AlreadyRunning, ex.Kind);
        Assert.Equal(DaemonState.Running, daemon.State);
    }

    [Fact]
    public async Task StartAsync_WhenLockDirectoryCannotBeCreated_ThrowsPidError()
    {
        File.WriteAllText(_dir.File("not-a-dir"), "");
        await using var daemon = new DaemonLifecycle(new DaemonLifecycleOptions
        {
            Name = "test",
            LockPath = _dir.File("not-a-dir/daemon.lock"),
            PidPath = _dir.File("not-a-dir/daemon.pid"),
        });

        var ex = await Assert.ThrowsAsync<DaemonLifecycleException>(() => daemon.StartAsync(Deadline()));

        Assert.Equal(DaemonErrorKind.PidError, ex.Kind);
        Assert.Equal(DaemonState.Stopped, daemon.State);
    }

    [Fact]
    public async Task StartAsync_AfterStop_CanRunAgainWithFreshStoppedTask()
    {
        await using DaemonLifecycle daemon = CreateDaemon();
        await daemon.StartAsync(Deadline());
        Task firstRun = daemon.Stopped;
        await daemon.StopAsync(Deadline());

        await daemon.StartAsync(Deadline());

        Assert.True(firstRun.IsCompletedSuccessfully);
        Assert.False(daemon.Stopped.IsCompleted);
        Assert.True(daemon.IsRunning);
    }

    [Fact]
    public async Task DisposeAsync_WhileRunning_ReleasesLock()
    {
        DaemonLifecycle daemon = CreateDaemon();
        await daemon.StartAsync(Deadline());

        await daemon.DisposeAsync();

        Assert.Equal(DaemonState.Stopped, daemon.State);
        Assert.False(PidLock.IsHeld(LockPath));
    }
}
