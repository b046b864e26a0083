using OpenDaemon.Hosting.Interop;
using OpenDaemon.Hosting.Locking;
using OpenDaemon.Hosting.Tests.Support;

namespace OpenDaemon.Hosting.Tests.Lifecycle;

public sealed partial class DaemonLifecycleTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task HandleSignals_SigtermToRealDaemon_RunsHandlersReleasesLockAndExitsCleanly()
    {
        // A real child process: sending SIGTERM to the test host itself would be far too risky.
        await using ChildProcess daemon = ChildProcess.StartDotnetChild(ChildEntryPoint.LifecycleMode, LockPath, PidPath);
        Assert.Equal("running", await daemon.ReadLineAsync(TestTimeouts.Process));
        Assert.Equal(daemon.Pid, PidLock.ReadOwnerPid(PidPath));
        Assert.True(PidLock.IsHeld(LockPath));

        Assert.Equal(0, LibC.Kill(daemon.Pid, SigTerm));

        Assert.Equal("handler", await daemon.ReadLineAsync(TestTimeouts.Process));
        Assert.Equal("stopped", await daemon.ReadLineAsync(TestTimeouts.Process));
        await daemon.WaitForExitAsync(TestTimeouts.Process);
        Assert.Equal(0, daemon.ExitCode);
        Assert.False(File.Exists(PidPath));
        Assert.False(PidLock.IsHeld(LockPath));
    }
}
