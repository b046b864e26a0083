using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>Commands that need a daemon start one, like pm2 does; commands that only inspect do not.</summary>
public sealed class OnDemandStartTests
{
    [Fact]
    public async Task Ping_WithNoDaemon_StartsOneAndAnswers()
    {
        await using var od = new OdSandbox();
        Assert.False(od.DaemonHoldsLock);

        var ping = await od.RunAsync("ping", "--json");

        Assert.True(ping.ExitCode == 0, ping.ToString());
        using var json = JsonDocument.Parse(ping.StandardOutput);
        Assert.True(json.RootElement.GetProperty("pong").GetBoolean());
        Assert.True(json.RootElement.GetProperty("daemonStarted").GetBoolean());
        Assert.True(od.DaemonHoldsLock, "the started daemon should keep running after od exits");
    }

    [Fact]
    public async Task Ping_AfterDaemonWasKilled_TakesOverStaleLockAndSocket()
    {
        await using var od = new OdSandbox();
        var first = od.Start("daemon", "run");
        await Poll.UntilAsync(() => File.Exists(od.SocketPath) && od.DaemonHoldsLock, "first daemon listening");

        first.Kill(); // SIGKILL: no cleanup runs
        await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(File.Exists(od.SocketPath), "a killed daemon leaves its socket behind");

        var ping = await od.RunAsync("ping", "--json");

        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.NotEqual(first.Id, od.ReadDaemonPid());
        Assert.True(od.DaemonHoldsLock);
    }

    [Fact]
    public async Task DaemonStatus_WithNoDaemon_DoesNotStartOne()
    {
        await using var od = new OdSandbox();

        var status = await od.RunAsync("daemon", "status");

        Assert.Equal(1, status.ExitCode);
        Assert.StartsWith("DAEMON_NOT_RUNNING:", status.StandardError, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock);
    }
}
