using System.Diagnostics;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Tests.Locking;

public sealed class PidLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string LockPath => _dir.File("daemon.lock");

    private string PidPath => _dir.File("daemon.pid");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Acquire_WhenFree_RecordsOurPidInPidFileAndLockFile()
    {
        using PidLock held = PidLock.Acquire(LockPath, PidPath);

        Assert.Equal(Environment.ProcessId, held.Pid);
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(PidPath));
        // The lock file is read without taking a lock, so this works while it is held.
        Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(LockPath));
        Assert.True(PidLock.IsHeld(LockPath));
    }

    [Fact]
    public void Acquire_WhileHeldByAnotherHandle_ThrowsLockExceptionNamingOwner()
    {
        using PidLock held = PidLock.Acquire(LockPath, PidPath);

        var ex = Assert.Throws<LockException>(() => PidLock.Acquire(LockPath, PidPath));

        Assert.Equal(Environment.ProcessId, ex.OwnerPid);
        Assert.Equal(Path.GetFullPath(LockPath), ex.LockPath);
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ReleasesLockAndDeletesPidFile_SoTheNextAcquireSucceeds()
    {
        PidLock first = PidLock.Acquire(LockPath, PidPath);

        first.Dispose();

        Assert.False(File.Exists(PidPath));
        Assert.False(PidLock.IsHeld(LockPath));
        Assert.Null(PidLock.ReadOwnerPid(LockPath));
        using PidLock second = PidLock.Acquire(LockPath, PidPath);
        Assert.True(PidLock.IsHeld(LockPath));
    }

    [Fact]
    public async Task Acquire_WithPidFileLeftByDeadProcess_TakesOver()
    {
        int deadPid = await StartAndReapAsync();
        File.WriteAllText(PidPath, $"{deadPid}\n");
        File.WriteAllText(LockPath, $"{deadPid}\n");
        Assert.False(PidLock.IsHeld(LockPath));

        using PidLock held = PidLock.Acquire(LockPath, PidPath);

        Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(PidPath));
    }

    [Fact]
    public void Acquire_WithPidFileNamingLiveProcessButNoLock_TakesOver()
    {
        // A PID file alone proves nothing (PID reuse, or a crash): only the kernel lock counts.
        File.WriteAllText(PidPath, "1\n");

        using PidLock held = PidLock.Acquire(LockPath, PidPath);

        Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(PidPath));
    }

    [Fact]
    public void Acquire_WhenDirectoryMissing_CreatesIt()
    {
        string lockPath = _dir.File("nested/run/daemon.lock");
        string pidPath = _dir.File("nested/run/daemon.pid");

        using PidLock held = PidLock.Acquire(lockPath, pidPath);

        Assert.True(File.Exists(pidPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir.File("nested/run")));
        }
    }

    [Fact]
    public void IsHeld_WhenLockFileMissing_IsFalse() => Assert.False(PidLock.IsHeld(LockPath));

    [Theory]
    [InlineData("")]
    [InlineData("garbage\n")]
    [InlineData("-5\n")]
    [InlineData("0")]
    public void ReadOwnerPid_WithoutAValidPid_ReturnsNull(string content)
    {
        File.WriteAllText(PidPath, content);

        Assert.Null(PidLock.ReadOwnerPid(PidPath));
    }

    [Fact]
    public void ReadOwnerPid_WhenFileMissing_ReturnsNull() => Assert.Null(PidLock.ReadOwnerPid(PidPath));

    [Fact]
    public void ReadOwnerPid_IgnoresWhitespaceAndExtraLines()
    {
        File.WriteAllText(PidPath, " 4242 \nold tail\n");

        Assert.Equal(4242, PidLock.ReadOwnerPid(PidPath));
    }

    private static async Task<int> StartAndReapAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        using var cts = new CancellationTokenSource(TestTimeouts.Process);
        await process.WaitForExitAsync(cts.Token);
        return process.Id;
    }
}
