using System.Runtime.InteropServices;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>od daemon run</c>: single instance per OD_HOME, graceful stop on signals.</summary>
public sealed partial class DaemonRunTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task TwoDaemonsStartedAtTheSameInstant_ExactlyOneWins()
    {
        await using var od = new OdSandbox();

        var first = od.Start("daemon", "run");
        var second = od.Start("daemon", "run");
        await Task.WhenAny(first.WaitForExitAsync(), second.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(30));
        var (loser, winner) = first.HasExited ? (first, second) : (second, first);

        Assert.True(loser.HasExited);
        Assert.Equal(1, loser.ExitCode);
        Assert.Contains("DAEMON_ALREADY_RUNNING", await loser.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        await Poll.UntilAsync(() => od.ReadDaemonPid() == winner.Id, "the winner to own the PID file");
        Assert.False(winner.HasExited);
        Assert.Equal(0, (await od.RunAsync("ping")).ExitCode);
    }

    [Fact]
    public async Task Sigterm_StopsTheDaemonGracefullyAndReleasesEverything()
    {
        await using var od = new OdSandbox();
        var daemon = od.Start("daemon", "run");
        await Poll.UntilAsync(() => File.Exists(od.SocketPath) && od.ReadDaemonPid() == daemon.Id, "daemon listening");

        Assert.Equal(0, Kill(daemon.Id, SigTerm));
        await daemon.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, daemon.ExitCode);
        Assert.False(File.Exists(od.SocketPath), "socket left behind");
        Assert.False(File.Exists(od.PidPath), "PID file left behind");
        Assert.False(od.DaemonHoldsLock);
        Assert.Contains("daemon stopped", await File.ReadAllTextAsync(Path.Combine(od.Home, "daemon.log")), StringComparison.Ordinal);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
