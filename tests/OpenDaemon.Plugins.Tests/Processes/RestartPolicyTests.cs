using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>The restart policies and backoff wired to real crashing processes.</summary>
public sealed class RestartPolicyTests
{
    [Fact]
    public async Task Always_RestartsACleanExitToo()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("clean.sh", "exit 0");
        await harness.StartAsync(harness.App("clean", script) with { MinUptime = TimeSpan.Zero });

        var row = await harness.WaitForAsync("clean", row => row.Restarts >= 3);

        Assert.True(row.Restarts >= 3);
    }

    [Fact]
    public async Task OnFailure_RestartsAFailureButNotACleanExit()
    {
        await using var harness = new ManagerHarness();
        var marker = Path.Combine(harness.Directory, "ran-once");
        // First run fails, the second exits cleanly.
        var script = harness.Script("once.sh", $"if [ -e {marker} ]; then exit 0; fi; touch {marker}; exit 1");
        await harness.StartAsync(harness.App("once", script) with { AutoRestart = RestartPolicy.OnFailure });

        var row = await harness.WaitForAsync("once", row => row.Status == ProcessState.Stopped);

        Assert.Equal(1, row.Restarts);
        Assert.Contains("on-failure", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_LeavesAFailedAppErroredWithItsExitCode()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("fail.sh", "echo 'bad config' >&2; exit 7");
        await harness.StartAsync(harness.App("fail", script) with { AutoRestart = RestartPolicy.Never });

        var row = await harness.WaitForAsync("fail", row => row.Status == ProcessState.Errored);

        Assert.Equal(0, row.Restarts);
        var detail = harness.Manager.Info(["fail"]).Processes.Single();
        Assert.Equal(7, detail.LastExit!.ExitCode);
        Assert.Contains("stderr bad config", detail.LastExit.LastLines);
    }

    [Fact]
    public async Task UnlessStopped_RestartsACrashLikeAlways()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("crash.sh", "exit 1");
        await harness.StartAsync(harness.App("crash", script) with { AutoRestart = RestartPolicy.UnlessStopped, MinUptime = TimeSpan.Zero });

        var row = await harness.WaitForAsync("crash", row => row.Restarts >= 2);

        Assert.True(row.Restarts >= 2);
    }

    [Fact]
    public async Task UnstableRuns_StopAfterMaxRestarts_AndStayErroredUntilStartedAgain()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("crash.sh", "echo dying >&2; exit 2");
        await harness.StartAsync(harness.App("crash", script) with { MaxRestarts = 3, MinUptime = TimeSpan.FromSeconds(5) });

        var row = await harness.WaitForAsync("crash", row => row.Status == ProcessState.Errored && row.NextRestartAt is null);

        // Three unstable runs in a row: the first run and two restarts, then it gives up.
        Assert.Equal(2, row.Restarts);
        Assert.Equal(3, row.UnstableRestarts);
        Assert.Contains("maxRestarts 3", row.Reason, StringComparison.Ordinal);
        Assert.Contains("stderr dying", harness.Manager.Info(["crash"]).Processes.Single().LastExit!.LastLines);

        // It stays there: no restart is scheduled, and the state does not change on its own.
        Assert.Null(harness.Row("crash").NextRestartAt);

        var restarted = await harness.Manager.StartAsync(new ProcessStartParams { Target = "crash", WorkingDirectory = harness.Directory }, CancellationToken.None);
        Assert.Contains(restarted.Processes, p => p.Name == "crash");
        await harness.WaitForAsync("crash", row => row.Status == ProcessState.Errored && row.NextRestartAt is null && row.Restarts >= 2);
    }

    [Fact]
    public async Task LinearBackoff_GrowsTheDelayBetweenUnstableRuns()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("crash.sh", "exit 1");
        await harness.StartAsync(harness.App("crash", script) with
        {
            RestartStrategy = RestartBackoff.Linear,
            RestartDelay = TimeSpan.FromMilliseconds(100),
            MaxRestarts = 4,
            MinUptime = TimeSpan.FromSeconds(10),
        });

        await harness.WaitForAsync("crash", row => row.Status == ProcessState.Errored && row.NextRestartAt is null);

        var scheduled = harness.Manager.Info(["crash"]).Processes.Single().History
            .Select(change => change.Reason)
            .Where(reason => reason?.Contains("restarting in", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal(["exit code 1; restarting in 0.1s", "exit code 1; restarting in 0.2s", "exit code 1; restarting in 0.3s"], scheduled);
    }

    [Fact]
    public async Task EveryTransition_IsPublishedWithPidAndExitCode()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("fail.sh", "exit 5");
        await harness.StartAsync(harness.App("fail", script) with { AutoRestart = RestartPolicy.Never });
        await harness.WaitForAsync("fail", row => row.Status == ProcessState.Errored);
        await WaitForEventAsync(harness, "process:errored");

        var topics = harness.Events.Select(e => e.Topic).ToList();
        Assert.Equal(["process:starting", "process:online", "process:exit", "process:errored"], topics);
        var exit = harness.Events.Single(e => e.Topic == "process:exit").Event;
        Assert.Equal(5, exit.ExitCode);
        Assert.NotNull(exit.Pid);
        Assert.Equal(harness.Events.Single(e => e.Topic == "process:online").Event.Pid, exit.Pid);
    }

    private static Task WaitForEventAsync(ManagerHarness harness, string topic) =>
        Poll.UntilAsync(() => harness.Events.Any(e => e.Topic == topic), $"a {topic} event");
}
