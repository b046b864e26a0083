using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Plugins.ProcessManager.Cluster;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes.Cluster;

/// <summary>
/// The L4 relay of the connection-level strategies for apps that cannot take a handed connection, on real
/// loopback sockets: this test plays both the client and the app that accepts on its private socket.
/// </summary>
public sealed class RunBackendTests
{
    [Fact]
    public async Task TryTake_CopiesBothWays_PassesTheClientsHalfCloseOn_AndCountsTheConnectionUntilItEnds()
    {
        using var backend = SharedListenSocket.BindLoopback();
        using var relay = new RunBackend(backend, TimeProvider.System);
        var (client, accepted) = await ConnectedPairAsync();
        using var clientSide = client;

        Assert.True(await relay.TryTakeAsync(accepted, CancellationToken.None));
        using var served = await AcceptOnBackendAsync(backend);
        Assert.Equal(1, relay.OpenConnections);

        await client.SendAsync("ping"u8.ToArray());
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal("ping", await ReadToEndAsync(served)); // the half-close arrived as the end of the stream
        await served.SendAsync("pong"u8.ToArray());
        served.Shutdown(SocketShutdown.Send);
        Assert.Equal("pong", await ReadToEndAsync(client));

        await Poll.UntilAsync(() => relay.OpenConnections == 0, "the relayed connection counted closed");
    }

    [Fact]
    public async Task TryRetire_NothingRelayed_HasNothingToWaitFor_AndTakesNoMore()
    {
        using var backend = SharedListenSocket.BindLoopback();
        using var relay = new RunBackend(backend, TimeProvider.System);

        Assert.False(relay.TryRetire(() => { }));

        var (client, accepted) = await ConnectedPairAsync();
        using var clientSide = client;
        using var refused = accepted;
        Assert.False(await relay.TryTakeAsync(accepted, CancellationToken.None));
    }

    [Fact]
    public async Task TryRetire_AfterARelay_DrainsOnceTheAppAcceptedEveryRelayedConnection()
    {
        using var backend = SharedListenSocket.BindLoopback();
        using var relay = new RunBackend(backend, TimeProvider.System);
        var (client, accepted) = await ConnectedPairAsync();
        using var clientSide = client;
        Assert.True(await relay.TryTakeAsync(accepted, CancellationToken.None));
        await Poll.UntilAsync(() => backend.AcceptQueueLength() == 1, "the relayed connection waits in the app's accept queue");
        var drained = new TaskCompletionSource();

        Assert.True(relay.TryRetire(() => drained.TrySetResult()));
        Assert.False(drained.Task.IsCompleted);

        using var served = await AcceptOnBackendAsync(backend);
        await drained.Task.WaitAsync(TestTimeouts.Short);
    }

    // A client connected to a listener of the test's, and the accepted end: what the dispatcher holds after accept.
    private static async Task<(Socket Client, Socket Accepted)> ConnectedPairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await listener.AcceptAsync());
    }

    // The app's accept on its private socket (the test accepts on the daemon's copy of it instead).
    private static async Task<Socket> AcceptOnBackendAsync(SharedListenSocket backend)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Short);
        return await backend.AcceptAsync(timeout.Token);
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        int read;
        using var timeout = new CancellationTokenSource(TestTimeouts.Short);
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
