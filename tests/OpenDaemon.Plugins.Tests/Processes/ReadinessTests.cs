using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>waitReady through the systemd notify protocol, readyTimeout and the watchdog, with real apps.</summary>
public sealed class ReadinessTests
{
    // A Python app that speaks sd_notify with nothing but the standard library.
    private const string PythonNotify = """
        import os, socket, time
        def notify(message):
            address = os.environ["NOTIFY_SOCKET"]
            if address.startswith("@"):
                address = "\0" + address[1:]
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.sendto(message.encode(), address)
        """;

    [Fact]
    public async Task WaitReady_StaysStartingUntilReadyArrivesOnNotifySocket()
    {
        await using var harness = new ManagerHarness();
        var gate = Path.Combine(harness.Directory, "go");
        var app = Path.Combine(harness.Directory, "app.py");
        File.WriteAllText(app, PythonNotify + $"""

            while not os.path.exists("{gate}"):
                time.sleep(0.01)
            notify("READY=1\nSTATUS=accepting connections")
            time.sleep(1000)
            """);
        var starting = harness.StartAsync(harness.App("api", app) with { WaitReady = true });

        var row = await harness.WaitForAsync("api", row => row.Pid is not null);
        Assert.Equal(ProcessState.Starting, row.Status);
        Assert.False(starting.IsCompleted);

        File.WriteAllText(gate, "");
        var started = await starting;

        Assert.Equal(ProcessState.Online, started.Processes.Single().Status);
        var readiness = harness.Manager.Info(["api"]).Processes.Single().Readiness;
        Assert.True(readiness.Ready);
        Assert.Equal("accepting connections", readiness.Status);
        Assert.NotNull(readiness.NotifySocket);
    }

    [Fact]
    public async Task WaitReady_AcceptsSystemdNotifyFromAShellScript()
    {
        const string SystemdNotify = "/usr/bin/systemd-notify";
        if (!File.Exists(SystemdNotify))
        {
            // The machine has no systemd-notify; the Python test above covers the protocol itself.
            return;
        }

        await using var harness = new ManagerHarness();
        var script = harness.Script("ready.sh", $"{SystemdNotify} --ready --status=warm\nexec sleep 1000");

        var started = await harness.StartAsync(harness.App("shell", script) with { WaitReady = true });

        Assert.Equal(ProcessState.Online, started.Processes.Single().Status);
        Assert.Equal("warm", harness.Manager.Info(["shell"]).Processes.Single().Readiness.Status);
    }

    [Fact]
    public async Task ReadyTimeout_TurnsASilentAppErroredWithTheReason_AndKillsIt()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("silent.sh", "exec sleep 1000");

        var starting = harness.StartAsync(harness.App("silent", script) with { WaitReady = true, ReadyTimeout = TimeSpan.FromMilliseconds(300) });
        var pid = (await harness.WaitForAsync("silent", row => row.Pid is not null)).Pid!.Value;
        var started = await starting;

        var row = started.Processes.Single();
        Assert.Equal(ProcessState.Errored, row.Status);
        Assert.Contains("readyTimeout", row.Reason, StringComparison.Ordinal);
        Assert.Contains("READY=1", row.Reason, StringComparison.Ordinal);
        Assert.Null(row.Pid);
        Assert.Null(row.NextRestartAt);
        await StopTests.AssertGoneAsync(pid);
    }

    [Fact]
    public async Task Watchdog_RestartsAnAppThatStopsSendingKeepAlives()
    {
        await using var harness = new ManagerHarness();
        var app = Path.Combine(harness.Directory, "hang.py");
        File.WriteAllText(app, PythonNotify + """

            notify("READY=1")
            notify("WATCHDOG=1")
            time.sleep(1000)
            """);
        await harness.StartAsync(harness.App("hang", app) with { WaitReady = true, WatchdogTimeout = TimeSpan.FromMilliseconds(300) });

        var row = await harness.WaitForAsync("hang", row => row.Restarts >= 1);

        var history = harness.Manager.Info(["hang"]).Processes.Single().History;
        Assert.Contains(history, change => change.Reason?.Contains("watchdogTimeout", StringComparison.Ordinal) == true);
        Assert.True(row.Restarts >= 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nobody")]
    public void NotifySocketAddress_IsPerRun_SoTwoRunsOfAReloadNeverShareOne(string? uid)
    {
        var config = new OpenDaemon.Config.Model.ProcessConfig { Name = "api", Script = "app.py", Uid = uid };

        var first = OpenDaemon.Plugins.ProcessManager.Lifecycle.RunNotifications.Address("/run/od/notify", config, 4, 1);
        var second = OpenDaemon.Plugins.ProcessManager.Lifecycle.RunNotifications.Address("/run/od/notify", config, 4, 2);

        Assert.NotEqual(first, second);
        Assert.EndsWith("4.2" + (uid is null ? ".sock" : ""), second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_BindsTheNewRunsOwnNotifySocket_AndRemovesTheOldOne()
    {
        await using var harness = new ManagerHarness();
        var app = Path.Combine(harness.Directory, "app.py");
        File.WriteAllText(app, PythonNotify + """

            notify("READY=1")
            time.sleep(1000)
            """);
        await harness.StartAsync(harness.App("api", app) with { WaitReady = true });
        var before = harness.Manager.Info(["api"]).Processes.Single().Readiness.NotifySocket!;

        var restarted = await harness.Manager.RestartAsync(["api"], CancellationToken.None).WaitAsync(Testing.TestTimeouts.Process);

        Assert.Equal(ProcessState.Online, restarted.Processes.Single().Status);
        var after = harness.Manager.Info(["api"]).Processes.Single().Readiness.NotifySocket!;
        Assert.NotEqual(before, after);
        Assert.False(File.Exists(before), "the first run's socket file is removed with its run");
        Assert.True(File.Exists(after), "the new run's socket file exists while it runs");
    }
}
