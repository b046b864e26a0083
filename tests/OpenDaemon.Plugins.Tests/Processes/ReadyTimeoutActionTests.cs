using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// <c>readyTimeoutAction: online</c> (what PM2's <c>wait_ready</c> maps to): an app silent past readyTimeout
/// goes online as under PM2, a reload promotes its new run, and a health check that has not passed still
/// keeps it from going online. On fakes and a fake clock.
/// </summary>
public sealed class ReadyTimeoutActionTests
{
    private static readonly ProcessConfig Pm2WaitReady = new()
    {
        Name = "app",
        Script = "/bin/sh",
        WaitReady = true,
        ReadyTimeout = TimeSpan.FromSeconds(3),
        ReadyTimeoutAction = ReadyTimeoutAction.Online,
    };

    [Fact]
    public async Task ReadyTimer_WithoutReady_GoesOnlineWithoutASignal()
    {
        await using var harness = new FakeActorHarness(Pm2WaitReady);
        var starting = harness.Actor.StartAsync();
        await harness.SyncAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        var answered = await starting.WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal(ProcessState.Online, answered.State);
        Assert.Contains("online anyway", harness.Snapshot.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Signaller.Sent);
    }

    [Fact]
    public async Task ReadyTimer_HealthCheckNotPassed_StillFails()
    {
        await using var harness = await StartHealthCheckedAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        var after = await harness.SyncAsync();

        Assert.Equal(ProcessState.Stopping, after.State);
        Assert.Equal(["SIGINT"], harness.Signaller.Sent);
    }

    [Fact]
    public async Task ReadyTimer_HealthyButNoReady_GoesOnline()
    {
        await using var harness = await StartHealthCheckedAsync();
        harness.ReportHealth(HealthStatus.Healthy);
        Assert.Equal(ProcessState.Starting, (await harness.SyncAsync()).State);

        harness.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(ProcessState.Online, (await harness.SyncAsync()).State);
    }

    [Fact]
    public async Task Reload_NewRunSilentPastReadyTimeout_IsPromoted()
    {
        await using var harness = new FakeActorHarness(Pm2WaitReady);
        _ = harness.Actor.StartAsync();
        await harness.SyncAsync();
        harness.Notify("READY=1");
        var oldPid = (await harness.SyncAsync()).Pid;
        var reload = harness.Actor.ReloadAsync();
        await harness.SyncAsync();
        var newPid = harness.Spawner.Processes[^1].Pid;

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        await harness.SyncAsync();
        harness.Spawner.Find(oldPid!.Value)!.Exit(0, "SIGINT");
        var outcome = await reload.WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal((ReloadResult.Reloaded, newPid), (outcome.Result, outcome.Snapshot.Pid));
    }

    // A PM2 wait_ready app that is also health-checked, started and waiting for both gates.
    private static async Task<FakeActorHarness> StartHealthCheckedAsync()
    {
        var harness = new FakeActorHarness(Pm2WaitReady with
        {
            HealthCheck = new HealthCheckConfig { Type = HealthCheckType.Http, Url = "http://127.0.0.1:1/health" },
        });
        _ = harness.Actor.StartAsync();
        await harness.SyncAsync();
        return harness;
    }
}
