using System.Net;
using System.Net.Sockets;
using OpenDaemon.Hosting.Sockets;

namespace OpenDaemon.Hosting.Tests.Sockets;

/// <summary>Real sockets on free ports: binding a cluster app's port, and the error when it is taken.</summary>
public sealed class SharedListenSocketTests
{
    [Fact]
    public async Task Bind_FreePort_ListensOnEveryAddress()
    {
        using var shared = BindFreePort();

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, shared.Port).WaitAsync(TestTimeouts.Process);

        Assert.True(client.Connected);
        Assert.EndsWith($":{shared.Port}", shared.Address, StringComparison.Ordinal);
        Assert.False(shared.Handle.IsInvalid);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // .NET's ReuseAddress is SO_REUSEADDR + SO_REUSEPORT on Linux: still not shared with us
    public void Bind_PortHeldByAnotherListener_ThrowsNamingThePortAndTheHolder(bool holderReusesPort)
    {
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, holderReusesPort);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<PortBindException>(() => SharedListenSocket.Bind(port));

        Assert.True(error.InUse);
        Assert.Equal(port, error.Port);
        // The holder is this test process: /proc shows its descriptors to their own user.
        Assert.NotNull(error.Holder);
        Assert.Equal(Environment.ProcessId, error.Holder.Pid);
        Assert.Equal(
            $"port {port} is already in use by pid {Environment.ProcessId} ({error.Holder.Command})",
            error.Message);
    }

    [Fact]
    public void Bind_PortAlreadyShared_SecondBindFailsInsteadOfSplittingConnections()
    {
        using var first = BindFreePort();

        var error = Assert.Throws<PortBindException>(() => SharedListenSocket.Bind(first.Port));

        Assert.True(error.InUse);
        Assert.Contains($"port {first.Port} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_AfterDispose_PortCanBeBoundAgain()
    {
        var first = BindFreePort();
        var port = first.Port;
        first.Dispose();

        using var second = SharedListenSocket.Bind(port);

        Assert.Equal(port, second.Port);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Bind_OutOfRange_Throws(int port) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedListenSocket.Bind(port));

    [Fact]
    public void PortHolder_Find_NobodyListening_IsNull()
    {
        using var shared = BindFreePort();
        var port = shared.Port;
        shared.Dispose();

        Assert.Null(PortHolder.Find(port));
    }

    [Fact]
    public void PortHolder_ListeningInodes_OnlyListenStateOnThePort()
    {
        // Port 0x1F90 = 8080: a listener (st 0A), an established connection (01), and another port's listener.
        const string Table = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
               1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 20 4 30 10 -1
               2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
            """;

        Assert.Equal(["4242"], PortHolder.ListeningInodes(Table, 8080));
        Assert.Equal(["4444"], PortHolder.ListeningInodes(Table, 80));
        Assert.Empty(PortHolder.ListeningInodes(Table, 443));
    }

    [Fact]
    public void PortHolder_Find_FakeProc_NamesTheProcessOnOneLine()
    {
        using var proc = new TempDirectory();
        Directory.CreateDirectory(proc.File("net"));
        File.WriteAllText(proc.File("net/tcp"), """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
            """);
        Directory.CreateDirectory(proc.File("77/fd"));
        File.CreateSymbolicLink(proc.File("77/fd/0"), "/dev/null");
        File.CreateSymbolicLink(proc.File("77/fd/5"), "socket:[4242]");
        File.WriteAllText(proc.File("77/cmdline"), "python3\0-c\0import socket\nserve()\0");
        Directory.CreateDirectory(proc.File("self"));

        var holder = PortHolder.Find(8080, proc.FullPath);

        Assert.Equal(new PortHolder(77, "python3 -c import socket serve()"), holder);
        Assert.Null(PortHolder.Find(8081, proc.FullPath));
    }

    // A port the kernel just handed out, then bound by SharedListenSocket (which needs a concrete port).
    // Another process may take it in between; a retry makes that harmless.
    private static SharedListenSocket BindFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Any, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return SharedListenSocket.Bind(port);
            }
            catch (PortBindException) when (attempt < 5)
            {
                // Taken by someone else in the meantime: try another.
            }
        }
    }
}
