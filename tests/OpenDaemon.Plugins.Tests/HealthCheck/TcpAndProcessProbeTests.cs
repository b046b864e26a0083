using System.Net;
using System.Net.Sockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>The tcp check against a real listener and a closed port; the process check against a real process.</summary>
public sealed class TcpAndProcessProbeTests
{
    [Fact]
    public async Task Tcp_OpenPort_Passes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Tcp, Host = "127.0.0.1", Port = port });

        Assert.True(result.Passed, result.Message);
        Assert.Equal($"connected to 127.0.0.1:{port}", result.Message);
    }

    [Fact]
    public async Task Tcp_DefaultHostLocalhost_ReachesAServerOn127001()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Tcp, Port = ((IPEndPoint)listener.LocalEndpoint).Port });

        Assert.True(result.Passed, result.Message);
    }

    [Fact]
    public async Task Tcp_ClosedPort_FailsWithConnectionRefused()
    {
        var port = Ports.Closed();

        var result = await Probe.RunAsync(new HealthCheckConfig { Type = HealthCheckType.Tcp, Host = "127.0.0.1", Port = port });

        Assert.False(result.Passed);
        Assert.Equal($"connection refused (127.0.0.1:{port})", result.Message);
    }

    [Fact]
    public async Task Process_RunningThenKilled_PassesThenFails()
    {
        var process = ProcessSpawner.Instance.Spawn(new SpawnRequest { FileName = "/bin/sleep", Arguments = ["100"], WorkingDirectory = "/", Environment = new Dictionary<string, string>() });
        using (process)
        {
            var alive = await Probe.RunAsync(new HealthCheckConfig(), process.Pid);
            Signals.SendToGroup(process.Pid, Signals.Parse("SIGKILL"));
            await process.Exited.WaitAsync(TestTimeouts.Short);
            var gone = await Probe.RunAsync(new HealthCheckConfig(), process.Pid);

            Assert.True(alive.Passed, alive.Message);
            Assert.False(gone.Passed);
            Assert.Equal($"pid {process.Pid} is not running", gone.Message);
        }
    }
}
