using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using OpenDaemon.Hosting.Sockets;

namespace OpenDaemon.Hosting.Tests.Sockets;

/// <summary>
/// The L4 relay on real loopback sockets: the test holds the far ends of two connections and the relay joins the
/// near ends, as the daemon joins a client's connection to an instance's. On Linux every chunk goes through
/// splice(2); a receiver that does not read makes the relay meet a full socket, the one case that copies.
/// </summary>
public sealed class SocketRelayTests
{
    [Fact]
    public async Task Relay_PassesEveryByteBothWays_InOrder()
    {
        await using var pair = await RelayedPair.StartAsync();
        var toServer = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var toClient = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 5);

        var serverReads = ReadExactlyAsync(pair.Server, toServer.Length);
        var clientReads = ReadExactlyAsync(pair.Client, toClient.Length);
        await Task.WhenAll(pair.Client.SendAsync(toServer), pair.Server.SendAsync(toClient));

        Assert.Equal(toServer, await serverReads.WaitAsync(TestTimeouts.Short));
        Assert.Equal(toClient, await clientReads.WaitAsync(TestTimeouts.Short));
    }

    [Fact]
    public async Task Relay_ReceiverThatDoesNotRead_BytesWaitAndArriveWhole()
    {
        await using var pair = await RelayedPair.StartAsync(smallBuffers: true);
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);

        // The relay's sockets send through buffers fixed at 4 KB (the kernel makes it 8 KB, with no autotuning),
        // far less than a chunk of up to 64 KB: its splice into the server's connection finds it full again and
        // again and has to send the rest of the chunk the ordinary way, waiting for room.
        var sending = pair.Client.SendAsync(data);
        Assert.Equal(data, await ReadExactlyAsync(pair.Server, data.Length).WaitAsync(TestTimeouts.Short));
        await sending;
    }

    [Fact]
    public async Task Relay_EndOfOneDirection_IsAHalfClose_TheOtherKeepsGoing()
    {
        await using var pair = await RelayedPair.StartAsync();

        await pair.Client.SendAsync("request"u8.ToArray());
        pair.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal("request"u8.ToArray(), await ReadToEndAsync(pair.Server));

        await pair.Server.SendAsync("answer"u8.ToArray());
        pair.Server.Shutdown(SocketShutdown.Send);
        Assert.Equal("answer"u8.ToArray(), await ReadToEndAsync(pair.Client));
        await pair.Relay.WaitAsync(TestTimeouts.Short); // both directions ended: the relay is done
    }

    [Fact]
    public async Task Relay_ResetOnOneSide_ClosesTheOther()
    {
        await using var pair = await RelayedPair.StartAsync();

        pair.Server.LingerState = new LingerOption(enable: true, seconds: 0); // close sends RST
        pair.Server.Close();

        await pair.Relay.WaitAsync(TestTimeouts.Short);
        Assert.Empty(await ReadToEndAsync(pair.Client));
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int length)
    {
        var data = new byte[length];
        var read = 0;
        while (read < length)
        {
            var got = await socket.ReceiveAsync(data.AsMemory(read), SocketFlags.None);
            Assert.True(got > 0, $"the stream ended after {read} of {length} bytes");
            read += got;
        }

        return data;
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int got;
            while ((got = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TestTimeouts.Short)) > 0)
            {
                all.Write(buffer, 0, got);
            }
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            // a reset ends the stream too
        }

        return all.ToArray();
    }

    /// <summary>The test's client and server ends, and the relay between the two connections' other ends.</summary>
    private sealed class RelayedPair : IAsyncDisposable
    {
        private RelayedPair(Socket client, Socket server, Task relay) => (Client, Server, Relay) = (client, server, relay);

        public Socket Client { get; }

        public Socket Server { get; }

        public Task Relay { get; }

        public static async Task<RelayedPair> StartAsync(bool smallBuffers = false)
        {
            var (client, clientNear) = await ConnectedAsync(smallBuffers);
            var (server, serverNear) = await ConnectedAsync(smallBuffers);
            return new RelayedPair(client, server, SocketRelay.RunAsync(clientNear, serverNear));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Server.Dispose();
            await Relay.WaitAsync(TestTimeouts.Short);
        }

        private static async Task<(Socket Far, Socket Near)> ConnectedAsync(bool smallBuffers)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var far = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await far.ConnectAsync(listener.LocalEndPoint!);
            var near = await listener.AcceptAsync();
            if (smallBuffers)
            {
                near.SendBufferSize = 4096;
            }

            return (far, near);
        }
    }
}
