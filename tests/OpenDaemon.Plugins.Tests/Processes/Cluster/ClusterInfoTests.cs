using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Plugins.ProcessManager.Cluster;
using OpenDaemon.Testing;

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
        Assert.Equal(2, info.Instances);
    }

    [Fact]
    public void Of_BoundSocket_ItsPortAndAddressWin()
    {
        var port = FreePorts.Next();
        using var socket = SharedListenSocket.Bind(port);

        var info = ClusterInfo.Of(new ProcessConfig { Name = "a", Script = "a.js", Mode = ExecMode.Cluster }, 2, new ClusterSocket(socket, Balancing: null, Dispatcher: null, Routes: null));

        Assert.Equal(port, info!.Port);
        Assert.Equal(socket.Address, info.Address);
    }
}
