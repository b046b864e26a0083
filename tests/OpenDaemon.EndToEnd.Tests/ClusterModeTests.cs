using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// Cluster mode through the real <c>od</c>: the daemon binds the app's port once and every instance
/// inherits it (fd 3, LISTEN_FDS). The servers are the ones docs/cluster.md shows (examples/cluster),
/// each answering its pid; every request is a new TCP connection (HTTP/1.0), so the kernel picks the
/// instance each time.
/// </summary>
public sealed class ClusterModeTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("server.js")]
    [InlineData("server.py")]
    public async Task Start_TwoInstancesOnOnePort_ConnectionsReachBothInstances(string server)
    {
        await using var od = new OdSandbox();
        var port = FreePorts.Next();
        var app = WriteClusterApp(od, server, port);

        var start = await od.RunInAsync(app, "start", "web.config.yaml");

        Assert.True(start.ExitCode == 0, start.ToString());
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances");
        Assert.All(table, process => Assert.Equal("cluster", process.Mode));
        var pids = table.Select(process => process.Pid!.Value).ToHashSet();

        var seen = new HashSet<int>();
        await Poll.UntilAsync(
            async () =>
            {
                // A burst of concurrent connections, so that a busy instance leaves some to the other.
                seen.UnionWith(await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PidRequests.GetAsync(port))));
                return pids.IsSubsetOf(seen);
            },
            () => $"connections reached both instances {string.Join(", ", pids)}; answered by {string.Join(", ", seen)}",
            TimeSpan.FromSeconds(90));

        Assert.Subset(pids, seen); // and nothing but them answered
    }

    [Fact]
    public async Task Info_ClusterApp_ShowsPortAndStrategyInTextAndJson()
    {
        await using var od = new OdSandbox();
        var port = FreePorts.Next();
        var app = WriteClusterApp(od, "server.js", port);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "web.config.yaml")).ExitCode);
        await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances");

        var human = await od.RunAsync("info", "web");
        var json = await od.RunAsync("info", "web", "--json");

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Matches($@"\nport +{port} \(listening on \[::\]:{port}|\nport +{port} \(listening on 0\.0\.0\.0:{port}", human.StandardOutput);
        Assert.Contains("shared by 2 instances", human.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"\nstrategy +shared ", human.StandardOutput);
        Assert.True(json.ExitCode == 0, json.ToString());
        var details = System.Text.Json.JsonSerializer.Deserialize(json.StandardOutput, OpenDaemon.Contracts.ContractsJsonContext.Default.ProcessDetailList)!;
        Assert.Equal(2, details.Processes.Count);
        Assert.All(details.Processes, detail =>
        {
            Assert.NotNull(detail.Cluster);
            Assert.Equal(port, detail.Cluster.Port);
            Assert.Equal("shared", detail.Cluster.Strategy);
            Assert.Equal(2, detail.Cluster.Instances);
            Assert.EndsWith($":{port}", detail.Cluster.Address, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Start_PortHeldByAnotherListener_FailsNamingThePort()
    {
        await using var od = new OdSandbox();
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var app = WriteClusterApp(od, "server.js", port);

        var start = await od.RunInAsync(app, "start", "web.config.yaml");

        Assert.True(start.ExitCode != 0, start.ToString());
        Assert.Contains($"port {port} is already in use", start.StandardError, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", start.StandardError, StringComparison.Ordinal); // the holder: this test
        Assert.DoesNotContain("   at ", start.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", start.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_UnderRequests_SocketStaysBoundAndNoConnectionIsRefused()
    {
        await using var od = new OdSandbox();
        var port = FreePorts.Next();
        var app = WriteClusterApp(od, "server.js", port);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "web.config.yaml")).ExitCode);
        var first = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances");
        var firstPids = first.Select(process => process.Pid!.Value).ToHashSet();
        await Poll.UntilAsync(async () => firstPids.Contains(await PidRequests.GetAsync(port)), "the app answers");
        var socketBefore = ListeningInodes(port);
        Assert.Single(socketBefore);

        // Requests run in a loop for the whole restart: the socket stays bound in the daemon, so a
        // connection made while no instance runs waits in its backlog instead of being refused.
        using var stopLoad = new CancellationTokenSource();
        var refused = 0;
        var answered = 0;
        var load = Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                try
                {
                    await PidRequests.GetAsync(port);
                    Interlocked.Increment(ref answered);
                }
                catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception error) when (error is IOException or SocketException)
                {
                    // A connection an old instance had accepted when it stopped is reset: not what this test is about.
                }
            }
        });

        var restart = await od.RunAsync("restart", "web");

        Assert.True(restart.ExitCode == 0, restart.ToString());
        var second = await TestApps.WaitForTableAsync(
            od,
            t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online && p.Pid is { } pid && !firstPids.Contains(pid)),
            "2 new online instances");
        var secondPids = second.Select(process => process.Pid!.Value).ToHashSet();
        await Poll.UntilAsync(async () => secondPids.Contains(await PidRequests.GetAsync(port)), "a new instance answers");
        await stopLoad.CancelAsync();
        await load.WaitAsync(RequestTimeout * 2);

        Assert.Equal(0, refused);
        Assert.True(answered > 0, "the load loop got answers");
        Assert.Equal(socketBefore, ListeningInodes(port)); // the same listening socket, never closed
    }

    // The example server and a config for it: 2 instances, mode cluster, on port.
    private static string WriteClusterApp(OdSandbox od, string server, int port)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "cluster", server));
        var app = TestApps.Write(od, server, source);
        File.WriteAllText(Path.Combine(app, "web.config.yaml"), $"""
            apps:
              - name: web
                script: {server}
                mode: cluster
                instances: 2
                port: {port.ToString(CultureInfo.InvariantCulture)}
            """);
        return app;
    }

    // The inodes of the sockets listening on the port (the daemon's one shared socket).
    private static HashSet<string> ListeningInodes(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(table => PortHolder.ListeningInodes(File.ReadAllText(table), port))
            .ToHashSet();
}
