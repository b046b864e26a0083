using System.Net;
using System.Net.Sockets;
using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Plugins.ProcessManager.Cluster;

namespace OpenDaemon.Plugins.Tests.Processes.Cluster;

/// <summary>What <c>od info</c> reports about cluster mode.</summary>
public sealed class ClusterInfoTests
{
    [Fact]
    public void Of_ForkApp_IsNull() =>
        Assert.Null(ClusterInfo.Of(new ProcessConfig { Name = "a", Script = "a.js" }, 1, socket: null));

    [Fact]
    public void Of_ClusterAppNotStarted_ConfiguredPortNoAddressSharedStrategy()
    {
        var info = ClusterInfo.Of(new ProcessConfig { Name = "a", Script = "a.js", Mode = ExecMode.Cluster, Port = 3000 }, 2, socket: null);

        Assert.NotNull(info);
        Assert.Equal(3000, info.Port);
        Assert.Null(info.Address);
        Assert.Equal("shared", info.Strategy);
        Assert.Null(info.RequestedStrategy);
        Assert.Equal(2, info.Instances);
    }

    [Fact]
    public void Of_StrategyNotImplemented_RunsSharedAndNamesTheRequestedOne()
    {
        var config = new ProcessConfig { Name = "a", Script = "a.js", Mode = ExecMode.Cluster, Cluster = new ClusterConfig { Strategy = LoadBalancingStrategy.LeastConnections } };

        var info = ClusterInfo.Of(config, 4, socket: null);

        Assert.Equal("shared", info!.Strategy);
        Assert.Equal("least-connections", info.RequestedStrategy);
    }

    [Fact]
    public void Of_BoundSocket_ItsPortAndAddressWin()
    {
        using var probe = new TcpListener(IPAddress.Any, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var socket = SharedListenSocket.Bind(port);

        var info = ClusterInfo.Of(new ProcessConfig { Name = "a", Script = "a.js", Mode = ExecMode.Cluster }, 2, socket);

        Assert.Equal(port, info!.Port);
        Assert.Equal(socket.Address, info.Address);
    }
}
