using System.Text.Json;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class ProcessDetailViewTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_CrashedInstance_ShowsExitCodeCrashLogConfigAndHistory()
    {
        var detail = Crashed();

        var text = string.Join('\n', ProcessDetailView.Render(detail, Output(), Now));

        Assert.Contains("status            errored (exit code 3)\n", text, StringComparison.Ordinal);
        Assert.Contains("next restart      in 2s (at ", text, StringComparison.Ordinal);
        Assert.Contains("restarts          4 (4 unstable in a row)", text, StringComparison.Ordinal);
        Assert.Contains("command           /usr/bin/node /srv/app.js --port 3000", text, StringComparison.Ordinal);
        Assert.Contains("cwd               /srv", text, StringComparison.Ordinal);
        Assert.Contains("interpreter       node", text, StringComparison.Ordinal);
        Assert.Contains("last exit         code 3 at ", text, StringComparison.Ordinal);
        Assert.Contains("after 120ms, unstable", text, StringComparison.Ordinal);
        Assert.Contains("crash log:\n    boom\n    at main", text, StringComparison.Ordinal);
        Assert.Contains("out log           /home/u/.opendaemon/logs/api-out.log", text, StringComparison.Ordinal);
        Assert.Contains("  autoRestart     never", text, StringComparison.Ordinal);
        Assert.Contains("  killTimeout     1.6s", text, StringComparison.Ordinal);
        Assert.Contains("  instances       2", text, StringComparison.Ordinal);
        Assert.Contains("  maxMemory       256.0 MB", text, StringComparison.Ordinal);
        Assert.Contains("  args            --port 3000", text, StringComparison.Ordinal);
        Assert.Contains("errored   exit code 3", text, StringComparison.Ordinal);
        Assert.Contains("readiness         not required", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReadinessDetails_AreShownWhenTheAppUsesNotify()
    {
        var detail = Crashed() with
        {
            Readiness = new ProcessReadiness { WaitReady = true, Ready = true, Status = "listening on 3000", NotifySocket = "/run/od/notify-0.sock", LastWatchdogAt = Now.AddSeconds(-5) },
        };

        var text = string.Join('\n', ProcessDetailView.Render(detail, Output(), Now));

        Assert.Contains("readiness         waits for READY=1: ready", text, StringComparison.Ordinal);
        Assert.Contains("status text       listening on 3000", text, StringComparison.Ordinal);
        Assert.Contains("notify socket     /run/od/notify-0.sock", text, StringComparison.Ordinal);
        Assert.Contains("(5s ago)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ClusterApp_ShowsPortListeningAddressAndStrategy()
    {
        var detail = Crashed() with { Cluster = new ProcessCluster { Port = 3000, Address = "[::]:3000", Strategy = "shared", Instances = 2 } };

        var text = string.Join('\n', ProcessDetailView.Render(detail, Output(), Now));

        Assert.Contains("port              3000 (listening on [::]:3000, shared by 2 instances)\n", text, StringComparison.Ordinal);
        Assert.Contains("strategy          shared (one socket: the kernel hands each connection to an instance)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HandoffStrategy_ShowsEachInstancesShareAndWeight()
    {
        var shares = new[]
        {
            new InstanceShare { Instance = 0, Connections = 10, Open = 1, Percent = 25, Weight = 1 },
            new InstanceShare { Instance = 1, Connections = 30, Open = 0, Percent = 75, Weight = 3 },
        };
        var detail = Crashed() with { Cluster = new ProcessCluster { Port = 3000, Address = "[::]:3000", Strategy = "weighted", Instances = 2, Shares = shares } };

        var text = string.Join('\n', ProcessDetailView.Render(detail, Output(), Now));

        Assert.Contains("strategy          weighted (the daemon accepts and hands each connection to an instance)\n", text, StringComparison.Ordinal);
        Assert.Contains("connections       instance 0: 10 (25 %), 1 open, weight 1\n                  instance 1: 30 (75 %), 0 open, weight 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ForkApp_HasNoPortOrStrategy()
    {
        var text = string.Join('\n', ProcessDetailView.Render(Crashed(), Output(), Now));

        Assert.DoesNotContain("\nport ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nstrategy ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExitBySignal_NamesTheSignal()
    {
        var detail = Crashed() with { LastExit = new ProcessExitRecord { Signal = "SIGKILL", At = Now.AddSeconds(-1), RunMs = 65_000 } };

        var text = string.Join('\n', ProcessDetailView.Render(detail, Output(), Now));

        Assert.Contains("last exit         signal SIGKILL at ", text, StringComparison.Ordinal);
        Assert.Contains("after 1m 5s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("crash log:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HealthCheck_ShowsStatusLastResultLatencyMessageFailuresAndTransition()
    {
        var detail = Crashed() with
        {
            Health = new ProcessHealth
            {
                Status = HealthStatus.Unhealthy,
                Type = "http",
                LastCheckAt = Now.AddSeconds(-2),
                LastPassed = false,
                LatencyMs = 12.34,
                Message = "HTTP 503, expected 2xx",
                ConsecutiveFailures = 3,
                LastTransitionAt = Now.AddSeconds(-10),
            },
        };

        var text = string.Join('\n', ProcessDetailView.Render(detail, Output(), Now));

        Assert.Contains("health            unhealthy (http check)\n", text, StringComparison.Ordinal);
        Assert.Contains("last check        failed in 12.3 ms at ", text, StringComparison.Ordinal);
        Assert.Contains("(2s ago)", text, StringComparison.Ordinal);
        Assert.Contains("check message     HTTP 503, expected 2xx\n", text, StringComparison.Ordinal);
        Assert.Contains("failures in a row 3\n", text, StringComparison.Ordinal);
        Assert.Contains("health since      ", text, StringComparison.Ordinal);
        Assert.Contains("(10s ago)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoHealthCheck_ShowsADash()
    {
        var text = string.Join('\n', ProcessDetailView.Render(Crashed(), Output(), Now));

        Assert.Contains("health            -\n", text, StringComparison.Ordinal);
    }

    private static ProcessDetail Crashed()
    {
        using var config = JsonDocument.Parse("""
            {"name":"api","script":"/srv/app.js","cwd":"/srv","interpreter":"node","args":["--port","3000"],
             "instances":{"count":2,"isMax":false},"autoRestart":"Never","restartStrategy":"Exponential",
             "restartDelay":"00:00:00","maxRestarts":16,"minUptime":"00:00:01","killTimeout":"00:00:01.6000000",
             "maxMemory":268435456}
            """);
        return new ProcessDetail
        {
            Summary = new ProcessSummary
            {
                Id = 0,
                Name = "api",
                Instance = 0,
                Namespace = "default",
                Mode = "fork",
                Status = ProcessState.Errored,
                Restarts = 4,
                UnstableRestarts = 4,
                Reason = "exit code 3",
                NextRestartAt = Now.AddSeconds(1.5),
            },
            Config = config.RootElement.Clone(),
            Command = new ProcessCommandLine("/usr/bin/node", ["/srv/app.js", "--port", "3000"], "/srv"),
            History =
            [
                new ProcessStateChange(ProcessState.Starting, Now.AddSeconds(-3), null),
                new ProcessStateChange(ProcessState.Online, Now.AddSeconds(-3), null),
                new ProcessStateChange(ProcessState.Errored, Now.AddSeconds(-2), "exit code 3"),
            ],
            LastExit = new ProcessExitRecord { ExitCode = 3, At = Now.AddSeconds(-2), RunMs = 120, Unstable = true, LastLines = ["stderr boom", "stderr at main"] },
            Logs = new ProcessLogPaths("/home/u/.opendaemon/logs/api-out.log", "/home/u/.opendaemon/logs/api-err.log"),
            Readiness = new ProcessReadiness(),
        };
    }

    private static CliOutput Output() => new(TextWriter.Null, TextWriter.Null, json: false, color: false, quiet: false, verbose: false);
}
