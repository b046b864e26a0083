using System.Text.Json;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class Pm2ProcessListTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_OnlineInstance_HasThePm2FieldsScriptsRead()
    {
        var online = Summary(ProcessState.Online) with { Pid = 4242, Restarts = 3, UnstableRestarts = 1, CpuPercent = 12.34, MemoryBytes = 52_428_800, StartedAt = Started, User = "alice" };

        using var json = JsonDocument.Parse(Pm2ProcessList.Write(new ProcessList { Processes = [online] }, indented: false));

        var entry = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(4242, entry.GetProperty("pid").GetInt32());
        Assert.Equal("api", entry.GetProperty("name").GetString());
        Assert.Equal(7, entry.GetProperty("pm_id").GetInt32());
        Assert.Equal(52_428_800, entry.GetProperty("monit").GetProperty("memory").GetInt64());
        Assert.Equal(12.3, entry.GetProperty("monit").GetProperty("cpu").GetDouble());
        var env = entry.GetProperty("pm2_env");
        Assert.Equal("online", env.GetProperty("status").GetString());
        Assert.Equal("cluster_mode", env.GetProperty("exec_mode").GetString());
        Assert.Equal(2, env.GetProperty("NODE_APP_INSTANCE").GetInt32());
        Assert.Equal(3, env.GetProperty("restart_time").GetInt32());
        Assert.Equal(1, env.GetProperty("unstable_restarts").GetInt32());
        Assert.Equal(Started.ToUnixTimeMilliseconds(), env.GetProperty("pm_uptime").GetInt64());
        Assert.Equal("alice", env.GetProperty("username").GetString());
    }

    [Theory]
    [InlineData(ProcessState.Created, false, "launching")]
    [InlineData(ProcessState.Starting, false, "launching")]
    [InlineData(ProcessState.Stopping, false, "stopping")]
    [InlineData(ProcessState.Stopped, false, "stopped")]
    [InlineData(ProcessState.Errored, false, "errored")]
    [InlineData(ProcessState.Errored, true, "waiting restart")]
    public void Status_UsesPm2Names(ProcessState state, bool restartScheduled, string expected)
    {
        var process = Summary(state) with { NextRestartAt = restartScheduled ? Started : null };

        Assert.Equal(expected, Pm2ProcessList.Status(process));
    }

    [Fact]
    public void Write_StoppedInstance_HasPidZeroAndNoUptime()
    {
        using var json = JsonDocument.Parse(Pm2ProcessList.Write(new ProcessList { Processes = [Summary(ProcessState.Stopped)] }, indented: true));

        var entry = json.RootElement[0];
        Assert.Equal(0, entry.GetProperty("pid").GetInt32());
        Assert.False(entry.GetProperty("pm2_env").TryGetProperty("pm_uptime", out _));
    }

    private static ProcessSummary Summary(ProcessState state) =>
        new() { Id = 7, Name = "api", Instance = 2, Namespace = "default", Mode = "cluster", Status = state };
}
