using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// The connection-level strategies through the real daemon: two instances of an unchanged Node server
/// (examples/cluster/server.js, answering its pid) in cluster mode; the daemon accepts each connection and
/// hands it to the instance the strategy picks (to a Python server's instances, it relays it to each one's own
/// socket). Requests are sequential, one connection each, so the expected spread is exact.
/// </summary>
public sealed class ClusterStrategyTests
{
    [Fact]
    public async Task RoundRobin_AlternatesAndOdInfoShowsTheShares()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "round-robin");

        var answers = new List<int>();
        for (var request = 0; request < 6; request++)
        {
            answers.Add(await PidRequests.GetAsync(port));
        }

        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(pids.Order(), answers.Distinct().Order());
        var info = await od.RunAsync("info", "web");
        Assert.Contains("strategy          round-robin (the daemon accepts and hands each connection to an instance)", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("instance 0: 3 (50 %)", info.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weighted_OneToThree_SpreadsOneToThree()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "weighted", "weights: [1, 3]");

        var answers = new List<int>();
        for (var request = 0; request < 8; request++)
        {
            answers.Add(await PidRequests.GetAsync(port));
        }

        Assert.Equal((2, 6), (answers.Count(pid => pid == pids[0]), answers.Count(pid => pid == pids[1])));
    }

    [Fact]
    public async Task LeastConnections_PrefersTheInstanceWithoutOpenConnections()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "least-connections");
        using var held = new TcpClient(); // an idle connection, held open: it goes to instance 0 (a tie, in turn)
        await held.ConnectAsync(IPAddress.Loopback, port);
        await WaitForOpenAsync(od, instance0: 1, instance1: 0);

        for (var request = 0; request < 4; request++)
        {
            Assert.Equal(pids[1], await PidRequests.GetAsync(port));
            await WaitForOpenAsync(od, instance0: 1, instance1: 0); // its close reported before the next
        }
    }

    [Fact]
    public async Task IpHash_KeepsEachClientAddressOnOneInstance()
    {
        await using var od = new OdSandbox();
        var (port, _) = await StartAsync(od, "ip-hash");

        foreach (var client in new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4" })
        {
            var answers = new List<int>();
            for (var request = 0; request < 3; request++)
            {
                answers.Add(await PidRequests.GetAsync(port, IPAddress.Parse(client)));
            }

            Assert.Single(answers.Distinct());
        }
    }

    [Fact]
    public async Task Random_ReachesBothInstances()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "random");

        var seen = new HashSet<int>();
        for (var request = 0; request < 40 && seen.Count < 2; request++)
        {
            seen.Add(await PidRequests.GetAsync(port));
        }

        Assert.Equal(pids.ToHashSet(), seen); // all on one instance has a chance of 2^-39
    }

    [Fact]
    public async Task RoundRobin_AnUnhealthyInstanceLeavesTheRotationUntilItIsHealthyAgain()
    {
        await using var od = new OdSandbox();
        // Each instance's check fails while a file named after its instance number exists; action none keeps it running.
        const string Check = "healthCheck: { type: command, command: 'test ! -f unhealthy-$OD_INSTANCE_ID', interval: 200ms, initialDelay: 0s, failureThreshold: 1, action: none }";
        var (port, pids, dir) = await StartInAsync(od, "round-robin", app: Check);
        await WaitForHealthAsync(od, HealthStatus.Healthy, HealthStatus.Healthy);

        File.WriteAllText(Path.Combine(dir, "unhealthy-1"), "");
        await WaitForHealthAsync(od, HealthStatus.Healthy, HealthStatus.Unhealthy);
        for (var request = 0; request < 4; request++)
        {
            Assert.Equal(pids[0], await PidRequests.GetAsync(port));
        }

        File.Delete(Path.Combine(dir, "unhealthy-1"));
        await WaitForHealthAsync(od, HealthStatus.Healthy, HealthStatus.Healthy);
        var answers = new HashSet<int>();
        for (var request = 0; request < 4; request++)
        {
            answers.Add(await PidRequests.GetAsync(port));
        }

        Assert.Equal(pids.ToHashSet(), answers);
    }

    [Fact]
    public async Task RoundRobin_AStoppingInstanceConfirmsItTookItsConnectionsBeforeItsSignal()
    {
        await using var od = new OdSandbox();
        var (port, pids) = await StartAsync(od, "round-robin");
        for (var request = 0; request < 4; request++)
        {
            await PidRequests.GetAsync(port);
        }

        var stop = await od.RunAsync("stop", "web");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        var log = await File.ReadAllTextAsync(Path.Combine(od.Home, "daemon.log"));
        Assert.Contains($"stopping pid {pids[0]}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("had not taken every connection", log, StringComparison.Ordinal); // the preload answered the drain request
    }

    // A Python server that takes its socket by socket activation (fd 3) and, on SIGINT/SIGTERM, finishes the
    // request in hand and exits.
    private const string GracefulPythonServer = """
        import http.server, os, signal, socket
        stopping = False
        def stop(*_):
            global stopping
            stopping = True
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        class AnswerPid(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = str(os.getpid()).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("", 0), AnswerPid, bind_and_activate=False)
        server.socket.close()
        server.socket = socket.socket(fileno=3)
        server.timeout = 0.1
        while not stopping:
            server.handle_request()
        """;

    [Fact]
    public async Task RoundRobin_PythonApp_IsRelayedToEachInstancesOwnSocket_AndAReloadUnderLoadLosesNoRequest()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "server.py", GracefulPythonServer);
        var port = FreePorts.Next();
        File.WriteAllText(Path.Combine(dir, "web.config.yaml"), $$"""
            apps:
              - { name: web, script: server.py, interpreter: python3, mode: cluster, instances: 2, port: {{port.ToString(CultureInfo.InvariantCulture)}}, cluster: { strategy: round-robin } }
            """);
        var start = await od.RunInAsync(dir, "start", "web.config.yaml");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.DoesNotContain("warning", start.StandardError, StringComparison.Ordinal);
        var pids = (await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online")).Select(p => p.Pid!.Value).ToHashSet();

        var answers = new List<int>();
        for (var request = 0; request < 6; request++)
        {
            answers.Add(await PidRequests.GetAsync(port));
        }

        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(pids, answers.ToHashSet());
        Assert.Contains("instance 0: 3 (50 %)", (await od.RunAsync("info", "web")).StandardOutput, StringComparison.Ordinal);

        await RequestLoop.AssertNoneFailAroundAsync(port, async () =>
        {
            var reload = await od.RunAsync("reload", "web");
            Assert.True(reload.ExitCode == 0, reload.ToString());
        });
        var reloaded = (await TestApps.ListAsync(od)).Select(p => p.Pid!.Value).ToHashSet();
        Assert.Empty(reloaded.Intersect(pids));
        var log = await File.ReadAllTextAsync(Path.Combine(od.Home, "daemon.log"));
        Assert.DoesNotContain("had not taken every connection", log, StringComparison.Ordinal); // each old run's accept queue emptied
    }

    private static async Task WaitForHealthAsync(OdSandbox od, HealthStatus instance0, HealthStatus instance1) =>
        await TestApps.WaitForTableAsync(
            od,
            t => t.Count == 2 && t.OrderBy(p => p.Instance).Select(p => p.Health).SequenceEqual(new HealthStatus?[] { instance0, instance1 }),
            $"health {instance0}, {instance1}");

    // Two instances of the example server with the strategy; their pids by instance number.
    private static async Task<(int Port, int[] Pids)> StartAsync(OdSandbox od, string strategy, string extra = "")
    {
        var (port, pids, _) = await StartInAsync(od, strategy, extra);
        return (port, pids);
    }

    // The same, with more app fields (one YAML flow mapping entry); also the app's directory.
    private static async Task<(int Port, int[] Pids, string Dir)> StartInAsync(OdSandbox od, string strategy, string extra = "", string app = "")
    {
        var port = FreePorts.Next();
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "cluster", "server.js"));
        var dir = TestApps.Write(od, "server.js", source);
        File.WriteAllText(Path.Combine(dir, "web.config.yaml"), $$"""
            apps:
              - name: web
                script: server.js
                mode: cluster
                instances: 2
                port: {{port.ToString(CultureInfo.InvariantCulture)}}
                cluster: { strategy: {{strategy}}{{(extra.Length == 0 ? "" : ", " + extra)}} }
                {{app}}
            """);
        var start = await od.RunInAsync(dir, "start", "web.config.yaml");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.DoesNotContain("not supported", start.StandardError, StringComparison.Ordinal);
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances");
        return (port, [.. table.OrderBy(p => p.Instance).Select(p => p.Pid!.Value)], dir);
    }

    private static List<JsonElement> Shares(CliResult info)
    {
        using var document = JsonDocument.Parse(info.StandardOutput);
        return [.. document.RootElement.GetProperty("processes")[0].GetProperty("cluster").GetProperty("shares").EnumerateArray().Select(share => share.Clone())];
    }

    private static async Task WaitForOpenAsync(OdSandbox od, int instance0, int instance1)
    {
        var open = "";
        await Poll.UntilAsync(
            async () =>
            {
                var shares = Shares(await od.RunAsync("info", "web", "--json"));
                open = string.Join(",", shares.Select(share => share.GetProperty("open").GetInt32()));
                return open == $"{instance0},{instance1}";
            },
            () => $"open connections {instance0},{instance1}; last {open}");
    }
}
