using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Plugins.Tests.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>
/// Health checks through the process manager with real apps: readiness gating, the restart and stop
/// actions, the restart limit for an app that never gets healthy, and the events on the bus.
/// </summary>
public sealed class HealthActionsTests
{
    // An HTTP app on the given port; it starts listening once the gate file exists (when one is given),
    // and answers 500 while a file named sick-<its pid> exists.
    private const string WebApp = """
        import http.server, os, sys, time
        port, gate = int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None
        while gate and not os.path.exists(gate):
            time.sleep(0.01)
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                sick = os.path.exists("sick-%d" % os.getpid())
                self.send_response(500 if sick else 200)
                self.end_headers()
                self.wfile.write(b"ok")
            def log_message(self, *args):
                pass
        http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
        """;

    [Fact]
    public async Task Start_WithHealthCheck_StaysStartingUntilHealthyThenOnline()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var gate = Path.Combine(harness.Directory, "listen");
        var app = Web(harness, "web", gate, HealthCheckAction.None);
        var starting = harness.StartAsync(app with { HealthCheck = app.HealthCheck! with { Interval = TimeSpan.FromMilliseconds(100), FailureThreshold = 1000 } });

        await WaitForHealthAsync(harness, "web", health => health.ConsecutiveFailures >= 2);
        var row = harness.Row("web");
        Assert.Equal(ProcessState.Starting, row.Status);
        Assert.Equal(HealthStatus.Unknown, row.Health);
        Assert.False(starting.IsCompleted);

        File.WriteAllText(gate, "");
        var started = (await starting).Processes.Single();

        Assert.Equal(ProcessState.Online, started.Status);
        Assert.Equal(HealthStatus.Healthy, started.Health);
        var detail = harness.Manager.Info(["web"]).Processes.Single();
        Assert.Equal("HTTP 200", detail.Health!.Message);
        Assert.Equal("healthy: HTTP 200", detail.History[^1].Reason);
    }

    [Fact]
    public async Task WaitReadyAndHealthCheck_OnlineOnlyOnceBothGatesAreOpen()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var gate = Path.Combine(harness.Directory, "ready");
        // Healthy at once, READY=1 only once the gate exists.
        var notifier = Path.Combine(harness.Directory, "notify.py");
        File.WriteAllText(notifier, $$"""
            import os, socket, threading, time, runpy, sys
            def notify_when_ready():
                while not os.path.exists("{{gate}}"):
                    time.sleep(0.01)
                address = os.environ["NOTIFY_SOCKET"]
                address = "\0" + address[1:] if address.startswith("@") else address
                with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                    s.sendto(b"READY=1", address)
            threading.Thread(target=notify_when_ready, daemon=True).start()
            sys.argv = sys.argv[1:]
            runpy.run_path(sys.argv[0], run_name="__main__")
            """);
        var web = Web(harness, "web", null, HealthCheckAction.None);
        var app = web with { Script = notifier, Args = [Path.Combine(harness.Directory, "web.py"), .. web.Args], WaitReady = true };
        var starting = harness.StartAsync(app with { HealthCheck = app.HealthCheck! with { Interval = TimeSpan.FromMilliseconds(100), FailureThreshold = 1000 } });

        var healthy = await harness.WaitForAsync("web", row => row.Health == HealthStatus.Healthy, TestTimeouts.Process);
        Assert.Equal(ProcessState.Starting, healthy.Status);
        Assert.False(starting.IsCompleted);

        File.WriteAllText(gate, "");
        var started = (await starting).Processes.Single();

        Assert.Equal((ProcessState.Online, HealthStatus.Healthy), (started.Status, started.Health));
        Assert.Equal("ready", harness.Manager.Info(["web"]).Processes.Single().History[^1].Reason);
    }

    [Fact]
    public async Task RestartAction_AppStopsAnswering_IsRestartedWithANewPid()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var events = Record(harness);
        var first = (await harness.StartAsync(Web(harness, "web", null, HealthCheckAction.Restart))).Processes.Single();
        Assert.Equal(HealthStatus.Healthy, first.Health);

        File.WriteAllText(Path.Combine(harness.Directory, $"sick-{first.Pid}"), "");
        var restarted = await harness.WaitForAsync("web", row => row.Pid != first.Pid && row.Status == ProcessState.Online, TestTimeouts.Process);

        Assert.Equal(first.Restarts + 1, restarted.Restarts);
        Assert.Equal(HealthStatus.Healthy, restarted.Health);
        Assert.False(Directory.Exists($"/proc/{first.Pid}"), "the unhealthy run is gone");
        var history = harness.Manager.Info(["web"]).Processes.Single().History;
        Assert.Contains(history, change => change.Reason == "health check failed 3 times: HTTP 500, expected 2xx; restarting");
        await Poll.UntilAsync(() => events.Any(e => e.Topic == "health:passed" && e.Event.Pid == restarted.Pid), "health:passed of the new run");
        var failed = Assert.Single(events, e => e.Topic == "health:failed");
        Assert.Equal(("restart", first.Pid!.Value, HealthStatus.Unhealthy), (failed.Event.Action, failed.Event.Pid, failed.Event.Status));
    }

    [Fact]
    public async Task StopAction_AppStopsAnswering_IsStoppedAndNotRestarted()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var first = (await harness.StartAsync(Web(harness, "web", null, HealthCheckAction.Stop))).Processes.Single();

        File.WriteAllText(Path.Combine(harness.Directory, $"sick-{first.Pid}"), "");
        var stopped = await harness.WaitForAsync("web", row => row.Status == ProcessState.Stopped, TestTimeouts.Process);

        Assert.Null(stopped.Pid);
        Assert.Null(stopped.NextRestartAt);
        Assert.Equal(0, stopped.Restarts);
        Assert.Equal(HealthStatus.Unhealthy, stopped.Health);
        Assert.Equal("health check failed 3 times: HTTP 500, expected 2xx; stopped (action stop)", stopped.Reason);
    }

    [Fact]
    public async Task RestartAction_AppNeverHealthy_EndsErroredAfterMaxRestarts()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var neverListens = Path.Combine(harness.Directory, "never");
        var app = Web(harness, "web", neverListens, HealthCheckAction.Restart) with { MaxRestarts = 2 };
        app = app with { HealthCheck = app.HealthCheck! with { Interval = TimeSpan.FromMilliseconds(100), FailureThreshold = 2 } };

        await harness.StartAsync(app);
        var settled = await harness.WaitForAsync("web", row => row.Status == ProcessState.Errored, TestTimeouts.Process);

        Assert.Equal(1, settled.Restarts);
        Assert.Contains("health check failed 2 times: connection refused", settled.Reason, StringComparison.Ordinal);
        Assert.Contains("(maxRestarts 2), so it is not restarted until you start it again", settled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoneAction_AppNeverHealthy_StartReturnsOnceUnhealthyAndTheAppKeepsStarting()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var app = Web(harness, "web", Path.Combine(harness.Directory, "never"), HealthCheckAction.None);
        app = app with { HealthCheck = app.HealthCheck! with { Interval = TimeSpan.FromMilliseconds(100), FailureThreshold = 2 } };

        var row = (await harness.StartAsync(app)).Processes.Single();

        Assert.Equal((ProcessState.Starting, HealthStatus.Unhealthy), (row.Status, row.Health));
        Assert.NotNull(row.Pid);
        var later = await harness.WaitForAsync("web", r => harness.Manager.Info(["web"]).Processes.Single().Health!.ConsecutiveFailures >= 4);
        Assert.Equal((ProcessState.Starting, row.Pid, 0), (later.Status, later.Pid, later.Restarts));
    }

    private static ProcessConfig Web(ManagerHarness harness, string name, string? gate, HealthCheckAction action)
    {
        var script = Path.Combine(harness.Directory, "web.py");
        File.WriteAllText(script, WebApp);
        var port = Ports.Free();
        return harness.App(name, script) with
        {
            Args = gate is null ? [port.ToString(CultureInfo.InvariantCulture)] : [port.ToString(CultureInfo.InvariantCulture), gate],
            HealthCheck = new HealthCheckConfig
            {
                Type = HealthCheckType.Http,
                Url = $"http://127.0.0.1:{port}/health",
                // Failures while starting count too: three checks a second apart give python time to listen.
                Interval = TimeSpan.FromSeconds(1),
                Timeout = TimeSpan.FromSeconds(2),
                Action = action,
            },
        };
    }

    private static ConcurrentQueue<(string Topic, HealthEvent Event)> Record(ManagerHarness harness)
    {
        var events = new ConcurrentQueue<(string Topic, HealthEvent Event)>();
        harness.Bus.Subscribe("health:*", (e, _) =>
        {
            events.Enqueue((e.Topic, e.Payload.Deserialize(ContractsJsonContext.Default.HealthEvent)!));
            return ValueTask.CompletedTask;
        });
        return events;
    }

    private static Task WaitForHealthAsync(ManagerHarness harness, string name, Func<ProcessHealth, bool> condition) =>
        Poll.UntilAsync(() => harness.Manager.Info([name]).Processes.Single().Health is { } health && condition(health), $"{name} reaches the expected health", TestTimeouts.Process);
}
