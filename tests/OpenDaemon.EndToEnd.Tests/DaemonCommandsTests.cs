using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>The daemon's life through the real <c>od</c> binary, as a user drives it.</summary>
public sealed class DaemonCommandsTests
{
    [Fact]
    public async Task StartPingStatusStop_WithTemporaryHome_WorksAndLeavesNothingBehind()
    {
        await using var od = new OdSandbox();

        var start = await od.RunAsync("daemon", "start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("daemon started", start.StandardOutput, StringComparison.Ordinal);
        var pid = od.ReadDaemonPid();
        Assert.NotNull(pid);

        var ping = await od.RunAsync("ping");
        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.StartsWith("pong", ping.StandardOutput, StringComparison.Ordinal);

        var status = await od.RunAsync("daemon", "status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var json = JsonDocument.Parse(status.StandardOutput))
        {
            var root = json.RootElement;
            Assert.Equal(pid, root.GetProperty("pid").GetInt32());
            Assert.Equal("running", root.GetProperty("state").GetString());
            Assert.Equal(od.SocketPath, root.GetProperty("socket").GetString());
            Assert.Equal(od.Home, root.GetProperty("home").GetString());
            Assert.True(root.GetProperty("memoryBytes").GetInt64() > 1_000_000);
            Assert.True(root.GetProperty("threads").GetInt32() > 0);
            Assert.True(root.GetProperty("uptimeSeconds").GetDouble() >= 0);
            Assert.True(root.GetProperty("healthy").GetBoolean());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        }

        var stop = await od.RunAsync("daemon", "stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("daemon stopped", stop.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(od.SocketPath), "socket left behind");
        Assert.False(File.Exists(od.PidPath), "PID file left behind");
        Assert.False(od.DaemonHoldsLock, "lock still held");
    }

    [Fact]
    public async Task DaemonStart_WhenAlreadyRunning_SaysSoAndKeepsTheSameDaemon()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);
        var pid = od.ReadDaemonPid();

        var again = await od.RunAsync("daemon", "start", "--json");

        Assert.True(again.ExitCode == 0, again.ToString());
        using var json = JsonDocument.Parse(again.StandardOutput);
        Assert.True(json.RootElement.GetProperty("alreadyRunning").GetBoolean());
        Assert.Equal(pid, json.RootElement.GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task DaemonRestart_ReplacesTheDaemonProcess()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);
        var firstPid = od.ReadDaemonPid();

        var restart = await od.RunAsync("daemon", "restart", "--json");

        Assert.True(restart.ExitCode == 0, restart.ToString());
        using var json = JsonDocument.Parse(restart.StandardOutput);
        var secondPid = json.RootElement.GetProperty("pid").GetInt32();
        Assert.NotEqual(firstPid, secondPid);
        Assert.Equal(secondPid, od.ReadDaemonPid());
    }

    [Fact]
    public async Task DaemonLogs_AfterStartAndStop_ShowTheDaemonsOwnLog()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);
        Assert.Equal(0, (await od.RunAsync("daemon", "stop")).ExitCode);

        var logs = await od.RunAsync("daemon", "logs");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Contains("daemon started", logs.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("daemon stopped", logs.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(od.Home, "daemon.log")));
    }

    [Fact]
    public async Task Version_Json_ReportsCliAndDaemonVersions()
    {
        await using var od = new OdSandbox();

        var version = await od.RunAsync("version", "--json");

        Assert.True(version.ExitCode == 0, version.ToString());
        using var json = JsonDocument.Parse(version.StandardOutput);
        var cli = json.RootElement.GetProperty("cli").GetString();
        Assert.False(string.IsNullOrEmpty(cli));
        Assert.Equal(cli, json.RootElement.GetProperty("daemon").GetProperty("version").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("daemon").GetProperty("protocolVersion").GetInt32());
    }
}
