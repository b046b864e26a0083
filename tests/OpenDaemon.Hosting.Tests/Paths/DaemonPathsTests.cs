using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Tests.Paths;

public sealed class DaemonPathsTests : IDisposable
{
    private const uint Uid = 1000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Resolve_WithXdgRuntimeDir_PutsFilesUnderIt()
    {
        DaemonPaths paths = Resolve(HostPlatform.Linux, Env(("XDG_RUNTIME_DIR", "/run/user/1000")), runUserExists: false);

        Assert.Equal("/run/user/1000/opendaemon", paths.RuntimeDirectory);
        Assert.Equal("/run/user/1000/opendaemon/daemon.sock", paths.SocketPath);
        Assert.Equal("/run/user/1000/opendaemon/daemon.pid", paths.PidPath);
        Assert.Equal("/run/user/1000/opendaemon/daemon.lock", paths.LockPath);
    }

    [Fact]
    public void Resolve_WithRelativeXdgRuntimeDir_IgnoresIt()
    {
        DaemonPaths paths = Resolve(HostPlatform.Linux, Env(("XDG_RUNTIME_DIR", "relative/dir")), runUserExists: false);

        Assert.Equal("/tmp/opendaemon-1000", paths.RuntimeDirectory);
    }

    [Fact]
    public void Resolve_LinuxWithoutXdgButWithRunUser_UsesRunUser()
    {
        DaemonPaths paths = Resolve(HostPlatform.Linux, Env(), runUserExists: true);

        Assert.Equal("/run/user/1000/opendaemon", paths.RuntimeDirectory);
    }

    [Fact]
    public void Resolve_LinuxWithoutXdgOrRunUser_FallsBackToTmpdirWithUid()
    {
        Assert.Equal("/tmp/opendaemon-1000", Resolve(HostPlatform.Linux, Env(), runUserExists: false).RuntimeDirectory);
        Assert.Equal(
            "/var/tmp/opendaemon-1000/daemon.sock",
            Resolve(HostPlatform.Linux, Env(("TMPDIR", "/var/tmp")), runUserExists: false).SocketPath);
    }

    [Fact]
    public void Resolve_MacOS_UsesPerUserTmpdir()
    {
        DaemonPaths paths = Resolve(HostPlatform.MacOS, Env(("TMPDIR", "/var/folders/xy/T")), runUserExists: true);

        Assert.Equal("/var/folders/xy/T/opendaemon/daemon.sock", paths.SocketPath);
    }

    [Fact]
    public void Resolve_Windows_UsesTempDirectoryAndNamedPipe()
    {
        DaemonPaths paths = Resolve(HostPlatform.Windows, Env(("TEMP", "/win/temp"), ("XDG_RUNTIME_DIR", "/ignored")), runUserExists: false);

        Assert.Equal(Path.Join("/win/temp", "opendaemon"), paths.RuntimeDirectory);
        Assert.Equal(@"\\.\pipe\opendaemon-daemon", paths.SocketPath);
        Assert.Equal(Path.Join("/win/temp", "opendaemon", "daemon.pid"), paths.PidPath);
    }

    [Fact]
    public void Resolve_WithHomeDirectory_PutsAllFilesDirectlyInsideIt()
    {
        DaemonPaths paths = DaemonPaths.Resolve(
            "opendaemon",
            homeDirectory: _dir.FullPath,
            getEnvironmentVariable: Env(("XDG_RUNTIME_DIR", "/run/user/1000")));

        Assert.Equal(_dir.FullPath, paths.RuntimeDirectory);
        Assert.Equal(_dir.File("daemon.sock"), paths.SocketPath);
        Assert.Equal(_dir.File("daemon.pid"), paths.PidPath);
        Assert.Equal(_dir.File("daemon.lock"), paths.LockPath);
    }

    [Fact]
    public void Resolve_WithHomeDirectoryOnWindows_GivesEachHomeItsOwnPipe()
    {
        DaemonPaths a = Resolve(HostPlatform.Windows, Env(), runUserExists: false, home: "/homes/a");
        DaemonPaths b = Resolve(HostPlatform.Windows, Env(), runUserExists: false, home: "/homes/b");

        Assert.StartsWith(@"\\.\pipe\opendaemon-daemon-", a.SocketPath, StringComparison.Ordinal);
        Assert.NotEqual(a.SocketPath, b.SocketPath);
    }

    [Fact]
    public void Resolve_WithSocketOverride_ReplacesOnlyTheSocket()
    {
        DaemonPaths paths = Resolve(HostPlatform.Linux, Env(("XDG_RUNTIME_DIR", "/xdg")), runUserExists: false, socket: "/custom/od.sock");

        Assert.Equal("/custom/od.sock", paths.SocketPath);
        Assert.Equal("/xdg/opendaemon/daemon.pid", paths.PidPath);
        Assert.Equal("/xdg/opendaemon/daemon.lock", paths.LockPath);
    }

    [Fact]
    public void Resolve_WithHomeAndSocketOverride_KeepsPidAndLockInHome()
    {
        DaemonPaths paths = DaemonPaths.Resolve("opendaemon", _dir.FullPath, "/custom/od.sock", Env());

        Assert.Equal("/custom/od.sock", paths.SocketPath);
        Assert.Equal(_dir.File("daemon.lock"), paths.LockPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData(@"a\b")]
    public void Resolve_WithNameThatIsNotOnePathSegment_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => DaemonPaths.Resolve(name, getEnvironmentVariable: Env()));

    [Fact]
    public void Resolve_OnThisMachineWithoutOverrides_UsesXdgWhenSet()
    {
        DaemonPaths paths = DaemonPaths.Resolve("opendaemon", getEnvironmentVariable: Env(("XDG_RUNTIME_DIR", _dir.FullPath)));

        Assert.Equal(_dir.File("opendaemon"), paths.RuntimeDirectory);
    }

    [Fact]
    public void EnsureDirectories_CreatesPrivateRuntimeAndSocketDirectories()
    {
        var paths = new DaemonPaths(_dir.File("run"), _dir.File("sock/daemon.sock"), _dir.File("run/daemon.pid"), _dir.File("run/daemon.lock"));

        paths.EnsureDirectories();

        Assert.True(Directory.Exists(_dir.File("run")));
        Assert.True(Directory.Exists(_dir.File("sock")));
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(Private, File.GetUnixFileMode(_dir.File("run")));
            Assert.Equal(Private, File.GetUnixFileMode(_dir.File("sock")));
        }
    }

    [Fact]
    public void EnsureDirectories_WhenExistingDirectoryIsWorldWritable_Refuses()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string run = _dir.File("run");
        Directory.CreateDirectory(run);
        File.SetUnixFileMode(run, (UnixFileMode)0b111_111_111);
        var paths = new DaemonPaths(run, Path.Join(run, "daemon.sock"), Path.Join(run, "daemon.pid"), Path.Join(run, "daemon.lock"));

        var ex = Assert.Throws<UnsafePathException>(paths.EnsureDirectories);
        Assert.Contains(run, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureDirectories_RuntimeDirectoryIsSymlink_Refuses()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string real = _dir.File("real");
        Directory.CreateDirectory(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string run = _dir.File("run");
        Directory.CreateSymbolicLink(run, real);
        var paths = new DaemonPaths(run, Path.Join(run, "daemon.sock"), Path.Join(run, "daemon.pid"), Path.Join(run, "daemon.lock"));

        var ex = Assert.Throws<UnsafePathException>(paths.EnsureDirectories);
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RootWithoutXdgOrRunUser_UsesRunNeverTmp()
    {
        DaemonPaths paths = DaemonPaths.Resolve("opendaemon", null, null, Env(), HostPlatform.Linux, 0, _ => false);

        Assert.Equal("/run/opendaemon", paths.RuntimeDirectory);
        Assert.Equal("/run/opendaemon/daemon.sock", paths.SocketPath);
    }

    private static DaemonPaths Resolve(HostPlatform platform, Func<string, string?> env, bool runUserExists, string? home = null, string? socket = null) =>
        DaemonPaths.Resolve("opendaemon", home, socket, env, platform, Uid, path => runUserExists && path == $"/run/user/{Uid}");

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
