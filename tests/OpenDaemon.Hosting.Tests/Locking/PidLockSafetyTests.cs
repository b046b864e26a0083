using OpenDaemon.Hosting.Locking;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Tests.Locking;

/// <summary>The lock and PID files are never written through a symlink another user planted.</summary>
public sealed class PidLockSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Acquire_LockPathIsSymlink_RefusesAndLeavesTargetUntouched()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var home = _dir.File("home");
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var victim = _dir.File("victim");
        File.WriteAllText(victim, "precious\n");
        File.CreateSymbolicLink(Path.Join(home, "daemon.lock"), victim);

        var error = Assert.Throws<UnsafePathException>(() => PidLock.Acquire(Path.Join(home, "daemon.lock"), Path.Join(home, "daemon.pid")));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.False(File.Exists(Path.Join(home, "daemon.pid")));
    }

    [Fact]
    public void Acquire_NewFiles_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var home = _dir.File("fresh/home");

        using (var pidLock = PidLock.Acquire(Path.Join(home, "daemon.lock"), Path.Join(home, "daemon.pid")))
        {
            const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(File0600, File.GetUnixFileMode(pidLock.LockPath));
            Assert.Equal(File0600, File.GetUnixFileMode(pidLock.PidPath));
            Assert.Equal(File0600 | UnixFileMode.UserExecute, File.GetUnixFileMode(home));
        }
    }

    [Fact]
    public void IsHeld_LockPathIsSymlink_Refuses()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var victim = _dir.File("victim");
        File.WriteAllText(victim, "x");
        File.CreateSymbolicLink(_dir.File("daemon.lock"), victim);

        Assert.Throws<UnsafePathException>(() => PidLock.IsHeld(_dir.File("daemon.lock")));
    }
}
