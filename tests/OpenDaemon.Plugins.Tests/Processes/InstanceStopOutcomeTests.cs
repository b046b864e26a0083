using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using static OpenDaemon.Plugins.Tests.Processes.InstanceStateTableTests;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// The second half of the table's stopping cells (footnotes [s] [d] [m] [x] [h] [e]): once the stopped
/// run's process is down, what its stop was for decides where the instance goes. Fakes and a fake clock only.
/// </summary>
public sealed class InstanceStopOutcomeTests
{
    [Theory]
    [InlineData("online", "stop", "stopped")]
    [InlineData("online", "delete", "stopped!")]
    [InlineData("online", "restart", "starting+")]
    [InlineData("online", "memory", "starting+")]
    [InlineData("online", "trigger", "waiting")]
    [InlineData("online", "watchdogtimer", "waiting")]
    [InlineData("online", "unhealthy", "waiting")]
    [InlineData("starting", "readytimer", "errored")]
    [InlineData("starting", "unhealthy", "errored")]
    [InlineData("starting", "stop", "stopped")]
    public async Task StoppedRun_OnceDown_GoesWhereItsStopWasFor(string state, string stop, string expected)
    {
        await using var harness = new FakeActorHarness(ConfigFor(state));
        await ReachAsync(harness, state);
        Fire(harness, stop);
        Assert.Equal(ProcessState.Stopping, (await harness.SyncAsync()).State);
        var spawned = harness.Spawner.Processes.Count;

        harness.Exit(signal: "SIGINT");
        var after = await harness.SyncAsync();

        Assert.Equal((expected.TrimEnd('!', '+'), expected.EndsWith('+') ? 1 : 0), (Row(after), harness.Spawner.Processes.Count - spawned));
        Assert.Equal(expected.EndsWith('!'), harness.Actor.Completion.IsCompleted);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("restart")]
    public async Task StartWhileStopping_OnceDown_StartsAgain_UnlessAStopFollows(string command)
    {
        await using var harness = new FakeActorHarness(ConfigFor("stopping"));
        await ReachAsync(harness, "stopping");
        Fire(harness, command);
        await harness.SyncAsync();

        harness.Exit(signal: "SIGINT");
        var restarted = await harness.SyncAsync();

        Assert.Equal((ProcessState.Starting, 2, 1), (restarted.State, harness.Spawner.Processes.Count, restarted.Restarts));

        // The same again, with a stop after the start: the stop wins.
        Fire(harness, "stop");
        Fire(harness, "start");
        Fire(harness, "stop");
        await harness.SyncAsync();
        harness.Exit(signal: "SIGINT");
        Assert.Equal(ProcessState.Stopped, (await harness.SyncAsync()).State);
        Assert.Equal(2, harness.Spawner.Processes.Count);
    }

    [Fact]
    public async Task HealthStopAction_OnceDown_StaysStopped()
    {
        var config = ConfigFor("online") with { HealthCheck = ConfigFor("online").HealthCheck! with { Action = HealthCheckAction.Stop } };
        await using var harness = new FakeActorHarness(config);
        await ReachAsync(harness, "online");
        harness.ReportHealth(HealthStatus.Unhealthy, thresholdReached: true);
        await harness.SyncAsync();

        harness.Exit(signal: "SIGINT");
        var after = await harness.SyncAsync();

        Assert.Equal((ProcessState.Stopped, null, 1), (after.State, after.NextRestartAt, harness.Spawner.Processes.Count));
        Assert.EndsWith("stopped (action stop)", after.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthRestartWithoutBackoff_OnceDown_StartsAtOnce()
    {
        await using var harness = new FakeActorHarness(ConfigFor("online") with { RestartDelay = TimeSpan.Zero });
        await ReachAsync(harness, "online");
        harness.ReportHealth(HealthStatus.Unhealthy, thresholdReached: true);
        await harness.SyncAsync();

        harness.Exit(signal: "SIGINT");
        var after = await harness.SyncAsync();

        Assert.Equal((ProcessState.Starting, 2, 1), (after.State, harness.Spawner.Processes.Count, after.Restarts));
    }

    [Fact]
    public async Task KillTimeout_AppIgnoresTheStopSignal_GetsSigkill_ThenStopped()
    {
        await using var harness = new FakeActorHarness(ConfigFor("online"));
        await ReachAsync(harness, "online");
        _ = harness.Actor.StopAsync();
        await harness.SyncAsync();

        harness.Time.Advance(harness.Config.KillTimeout);
        await harness.SyncAsync();

        Assert.Equal(["SIGINT", "SIGKILL"], harness.Signaller.Sent);
        harness.Exit(signal: "SIGKILL");
        Assert.Equal(ProcessState.Stopped, (await harness.SyncAsync()).State);
    }

    [Fact]
    public async Task RunId_CountsSpawns_AndALateEventOfAnEarlierRunIsIgnored()
    {
        await using var harness = new FakeActorHarness(ConfigFor("online"));
        Assert.Equal(0, harness.Snapshot.RunId);
        await ReachAsync(harness, "online");
        Assert.Equal(1, harness.Snapshot.RunId);
        var first = harness.Spawner.Last;

        _ = harness.Actor.RestartAsync();
        await harness.SyncAsync();
        first.Exit(signal: "SIGINT");
        var second = await harness.SyncAsync();
        Assert.Equal((2, ProcessState.Starting), (second.RunId, second.State));

        // READY=1 and a healthy report addressed to run 1 change nothing for run 2.
        harness.Actor.Post(new Plugins.ProcessManager.Lifecycle.NotifyEvent(1, Hosting.Processes.NotifyMessage.Parse("READY=1"u8)));
        harness.Actor.Post(new Plugins.ProcessManager.Lifecycle.ProcessExitedEvent(1, new Hosting.Processes.ProcessExit(1, null, false)));
        var after = await harness.SyncAsync();

        Assert.Equal((2, ProcessState.Starting, false), (after.RunId, after.State, after.Readiness.Ready));
        Assert.Equal(after.Pid, harness.Spawner.Last.Pid);
    }
}
