using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes.Rolling;

/// <summary>process.reload and process.scale on a real process manager with real apps.</summary>
public sealed class ReloadAndScaleTests
{
    // Ready (READY=1 on NOTIFY_SOCKET) unless the file "broken" exists: then it exits at once.
    private const string ReadyUnlessBroken = """
        import os, socket, sys, time
        if os.path.exists("broken"):
            sys.exit(3)
        while not os.path.exists("go"):
            time.sleep(0.01)
        address = os.environ["NOTIFY_SOCKET"]
        if address.startswith("@"):
            address = "\0" + address[1:]
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.sendto(b"READY=1", address)
        time.sleep(1000)
        """;

    [Fact]
    public async Task Reload_ClusterApp_ReplacesEachInstanceOneAtATime_KeepingIds()
    {
        await using var harness = new ManagerHarness(shim: DaemonShim.Path);
        var script = harness.Script("sleep.sh", "exec sleep 1000");
        var app = Cluster(harness.App("api", script), 2) with { MinUptime = TimeSpan.FromMilliseconds(200) };
        var before = (await harness.StartAsync(app)).Processes;

        var reloaded = await harness.Manager.ReloadAsync(["api"], null, CancellationToken.None).WaitAsync(TestTimeouts.Process);

        Assert.All(reloaded.Processes, row => Assert.Equal(ProcessState.Online, row.Status));
        Assert.Equal(before.Select(row => row.Id), reloaded.Processes.Select(row => row.Id));
        Assert.All(reloaded.Processes.Zip(before), pair => Assert.NotEqual(pair.Second.Pid, pair.First.Pid));
        foreach (var old in before)
        {
            await StopTests.AssertGoneAsync(old.Pid!.Value);
        }

        // One at a time: the second new run started only after the first had stayed up minUptime.
        Assert.True(reloaded.Processes[1].StartedAt >= reloaded.Processes[0].StartedAt + app.MinUptime);
        Assert.Null(reloaded.Notes);
    }

    [Fact]
    public async Task Reload_NewRunExitsBeforeReady_StopsThere_OldRunsStillServe()
    {
        await using var harness = new ManagerHarness(shim: DaemonShim.Path);
        File.WriteAllText(Path.Combine(harness.Directory, "go"), "");
        var script = Path.Combine(harness.Directory, "app.py");
        File.WriteAllText(script, ReadyUnlessBroken);
        var before = (await harness.StartAsync(Cluster(harness.App("api", script), 2) with { WaitReady = true })).Processes;
        File.WriteAllText(Path.Combine(harness.Directory, "broken"), "");

        var error = await Assert.ThrowsAsync<DaemonException>(() => harness.Manager.ReloadAsync(["api"], null, CancellationToken.None).WaitAsync(TestTimeouts.Process));

        Assert.Equal(ErrorCode.ReloadFailed, error.Code);
        Assert.Contains("stopped at instance 0 (id 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited before it was ready", error.Message, StringComparison.Ordinal);
        Assert.Contains("not touched: instance 1 (id 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the old runs still serve", error.Message, StringComparison.Ordinal);
        var rows = harness.Manager.List().Processes;
        Assert.Equal(before.Select(row => row.Pid), rows.Select(row => row.Pid));
        Assert.All(rows, row => Assert.Equal(ProcessState.Online, row.Status));
    }

    [Fact]
    public async Task Reload_WhileOneRuns_IsRefusedSayingWhatIsInProgress_AndScaleToo()
    {
        await using var harness = new ManagerHarness(shim: DaemonShim.Path);
        var go = Path.Combine(harness.Directory, "go");
        File.WriteAllText(go, "");
        var script = Path.Combine(harness.Directory, "app.py");
        File.WriteAllText(script, ReadyUnlessBroken);
        await harness.StartAsync(Cluster(harness.App("api", script), 1) with { WaitReady = true });
        File.Delete(go);

        var first = harness.Manager.ReloadAsync(["api"], null, CancellationToken.None);
        var row = await harness.WaitForAsync("api", row => row.Activity?.StartsWith("reloading: new pid", StringComparison.Ordinal) == true);
        var second = await Assert.ThrowsAsync<DaemonException>(() => harness.Manager.ReloadAsync(["api"], null, CancellationToken.None));
        var scale = await Assert.ThrowsAsync<DaemonException>(() => harness.Manager.ScaleAsync(new ProcessScaleParams { Target = "api", Instances = "+1" }, CancellationToken.None));
        File.WriteAllText(go, "");
        var reloaded = await first.WaitAsync(TestTimeouts.Process);

        Assert.Equal(ErrorCode.OperationInProgress, second.Code);
        Assert.Contains("a reload is in progress (api: instance 1 of 1 (id 0))", second.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.OperationInProgress, scale.Code);
        Assert.NotEqual(row.Pid, reloaded.Processes.Single().Pid);
        Assert.Null(harness.Row("api").Activity);
    }

    [Fact]
    public async Task Reload_ForkApp_RestartsWithANote()
    {
        await using var harness = new ManagerHarness(shim: DaemonShim.Path);
        var before = (await harness.StartAsync(harness.App("worker", harness.Script("sleep.sh", "exec sleep 1000")))).Processes.Single();

        var reloaded = await harness.Manager.ReloadAsync(["worker"], null, CancellationToken.None).WaitAsync(TestTimeouts.Process);

        Assert.NotEqual(before.Pid, reloaded.Processes.Single().Pid);
        Assert.Contains(reloaded.Notes!, note => note.Contains("fork mode: restarted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scale_UpThenDown_LeavesTheOthersUntouched_DrainsTheHighestIndexes_AndSaveKeepsTheCount()
    {
        await using var harness = new ManagerHarness(shim: DaemonShim.Path);
        var script = harness.Script("drain.sh", "trap 'touch drained-$NODE_APP_INSTANCE; exit 0' INT TERM\ntouch up-$NODE_APP_INSTANCE\nwhile :; do sleep 0.05; done");
        var before = (await harness.StartAsync(Cluster(harness.App("api", script), 2))).Processes;

        var up = await Scale(harness, "+2");
        Assert.Equal([0, 1, 2, 3], up.Processes.Select(row => row.Instance));
        Assert.All(up.Processes, row => Assert.Equal(ProcessState.Online, row.Status));
        Assert.Equal(before.Select(row => row.Pid), up.Processes.Take(2).Select(row => row.Pid));
        await Poll.UntilAsync(() => File.Exists(Path.Combine(harness.Directory, "up-3")), "the last new instance has set its trap");

        var down = await Scale(harness, "1");
        var kept = Assert.Single(down.Processes);
        Assert.Equal(before[0].Pid, kept.Pid);
        Assert.Equal(0, kept.Restarts);
        Assert.True(File.Exists(Path.Combine(harness.Directory, "drained-3")), "the removed instance got its stop signal and could finish");
        Assert.Single(harness.Manager.List().Processes);

        await harness.Manager.SaveAsync(CancellationToken.None);
        var dump = await OpenDaemon.Plugins.ProcessManager.Persistence.DumpFile.ReadAsync(Path.Combine(harness.Directory, "dump.json"), CancellationToken.None);
        var saved = Assert.Single(dump.Apps);
        Assert.Single(saved.Instances);
        Assert.Equal(1, saved.Config.Instances.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    public async Task Scale_BelowOneOrNotANumber_IsRefused_AndChangesNothing(string count)
    {
        await using var harness = new ManagerHarness(shim: DaemonShim.Path);
        await harness.StartAsync(Cluster(harness.App("api", harness.Script("sleep.sh", "exec sleep 1000")), 2));

        var error = await Assert.ThrowsAsync<DaemonException>(() => Scale(harness, count));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Equal(2, harness.Manager.List().Processes.Count);
    }

    private static Task<ProcessList> Scale(ManagerHarness harness, string count) =>
        harness.Manager.ScaleAsync(new ProcessScaleParams { Target = "api", Instances = count }, CancellationToken.None).WaitAsync(TestTimeouts.Process);

    private static ProcessConfig Cluster(ProcessConfig app, int instances) =>
        app with { Mode = ExecMode.Cluster, Instances = InstanceCount.Fixed(instances), Port = FreePorts.Next() };

}
