using System.Net.Sockets;
using OpenDaemon.Ipc;
using OpenDaemon.Ipc.Interop;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>The client checks who listens (SO_PEERCRED) before it sends a single byte.</summary>
public sealed class IpcPeerCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ConnectAsync_PeerRunsAsAnotherUid_ThrowsBeforeSendingAnything()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = _dir.File("s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var self = PosixFiles.GetEffectiveUid();

        var error = await Assert.ThrowsAsync<UntrustedPeerException>(
            () => IpcClient.ConnectAsync(path, TimeSpan.FromSeconds(5), self + 1, CancellationToken.None).WaitAsync(TestTimeouts.Await));

        Assert.Equal(self, error.PeerUid);
        using var accepted = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);
        var buffer = new byte[16];
        Assert.Equal(0, await accepted.ReceiveAsync(buffer).WaitAsync(TestTimeouts.Await));
    }

    [Fact]
    public async Task ConnectAsync_PeerRunsAsThisUser_Connects()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = _dir.File("s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();

        await using var client = await IpcClient.ConnectAsync(path, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TestTimeouts.Await);

        Assert.True(client.IsConnected);
    }
}
