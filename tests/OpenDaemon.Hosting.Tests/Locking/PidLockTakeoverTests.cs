using System.Globalization;
using OpenDaemon.Hosting.Locking;
using OpenDaemon.Hosting.Tests.Support;

namespace OpenDaemon.Hosting.Tests.Locking;

/// <summary>Real processes hold the lock and die by SIGKILL; the kernel must hand the lock over.</summary>
public sealed class PidLockTakeoverTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string LockPath => _dir.File("daemon.lock");

    private string PidPath => _dir.File("daemon.pid");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Acquire_AfterFlockHolderIsKilled_TakesOverLock()
    {
        // util-linux flock(1) takes the same kind of lock independently of our code; -F keeps one
        // process (flock → sh → cat, all exec'd) so SIGKILL drops the lock and leaves no orphan.
        await using ChildProcess holder = ChildProcess.Start(
            "flock",
            ["-F", "-x", "-n", LockPath, "sh", "-c", "echo $$ > \"$0\"; echo $$ > \"$1\"; echo locked; exec cat", LockPath, PidPath]);
        Assert.Equal("locked", await holder.ReadLineAsync(TestTimeouts.Process));

        Assert.True(PidLock.IsHeld(LockPath));
        var refused = Assert.Throws<LockException>(() => PidLock.Acquire(LockPath, PidPath));
        Assert.Equal(holder.Pid, refused.OwnerPid);

        holder.Kill();
        await holder.WaitForExitAsync(TestTimeouts.Process);

        Assert.False(PidLock.IsHeld(LockPath));
        using PidLock taken = PidLock.Acquire(LockPath, PidPath);
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(PidPath));
        Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(LockPath));
    }

    [Fact]
    public async Task Acquire_AfterDotnetHolderIsKilled_TakesOverLock()
    {
        // The same, with our own PidLock in the holder: its PID file and lock content stay behind.
        await using ChildProcess holder = ChildProcess.StartDotnetChild(ChildEntryPoint.LockMode, LockPath, PidPath);
        Assert.Equal("ready", await holder.ReadLineAsync(TestTimeouts.Process));
        await holder.WriteLineAsync("go");
        Assert.Equal($"won {holder.Pid}", await holder.ReadLineAsync(TestTimeouts.Process));

        var refused = Assert.Throws<LockException>(() => PidLock.Acquire(LockPath, PidPath));
        Assert.Equal(holder.Pid, refused.OwnerPid);

        holder.Kill();
        await holder.WaitForExitAsync(TestTimeouts.Process);

        Assert.Equal(holder.Pid, PidLock.ReadOwnerPid(PidPath)); // left behind by the crash
        using PidLock taken = PidLock.Acquire(LockPath, PidPath);
        Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(PidPath));
    }

    [Fact]
    public async Task Acquire_WhileDotnetChildHoldsLock_ReportsChildAndChildSeesUs()
    {
        using PidLock ours = PidLock.Acquire(LockPath, PidPath);
        await using ChildProcess contender = ChildProcess.StartDotnetChild(ChildEntryPoint.LockMode, LockPath, PidPath);
        Assert.Equal("ready", await contender.ReadLineAsync(TestTimeouts.Process));

        await contender.WriteLineAsync("go");

        Assert.Equal(
            $"lost {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
            await contender.ReadLineAsync(TestTimeouts.Process));
    }
}
