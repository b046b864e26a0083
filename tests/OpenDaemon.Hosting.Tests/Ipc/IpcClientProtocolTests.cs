using System.Net.Sockets;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>The client against a hand-driven server: id matching and what a broken server does to pending calls.</summary>
public sealed class IpcClientProtocolTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RequestAsync_ResponsesArriveInReverseOrder_EachCallGetsItsOwnResponse()
    {
        await using var env = new IpcTestEnvironment();
        using var listener = Listen(env.SocketPath);
        var client = await env.ConnectAsync();
        using var server = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);

        var first = client.RequestAsync("a", null, RequestTimeout, CancellationToken.None);
        var second = client.RequestAsync("b", null, RequestTimeout, CancellationToken.None);
        var requests = new[] { (await RawSocket.ReadFrameAsync(server))!.Json(), (await RawSocket.ReadFrameAsync(server))!.Json() };
        foreach (var request in requests.Reverse())
        {
            var id = request.GetProperty("id").GetInt64();
            var method = request.GetProperty("method").GetString();
            await RawSocket.SendAsync(server, RawSocket.Frame(FrameType.Response, $$"""{"jsonrpc":"2.0","id":{{id}},"result":"{{method}}"}"""));
        }

        Assert.Equal("a", (await first.WaitAsync(TestTimeouts.Await)).Result!.Value.GetString());
        Assert.Equal("b", (await second.WaitAsync(TestTimeouts.Await)).Result!.Value.GetString());
    }

    [Fact]
    public async Task RequestAsync_ServerClosesBeforeAnswering_PendingAndLaterCallsThrowProtocolException()
    {
        await using var env = new IpcTestEnvironment();
        using var listener = Listen(env.SocketPath);
        var client = await env.ConnectAsync();
        var server = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);

        var pending = client.RequestAsync("a", null, RequestTimeout, CancellationToken.None);
        await RawSocket.ReadFrameAsync(server);
        server.Dispose();

        Assert.True((await Assert.ThrowsAsync<ProtocolException>(() => pending.WaitAsync(TestTimeouts.Await))).ConnectionLost);
        Assert.False(client.IsConnected);
        Assert.True((await Assert.ThrowsAsync<ProtocolException>(() => client.RequestAsync("b", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await))).ConnectionLost);
    }

    // A daemon killed with SIGKILL keeps its listening socket until its last thread has exited: a client
    // connects, is queued, and is reset when the kernel closes the listener. That is the daemon going away
    // (ConnectionLost), not a protocol mismatch.
    [Fact]
    public async Task RequestAsync_ListenerClosesWithTheConnectionStillQueued_ThrowsConnectionLost()
    {
        await using var env = new IpcTestEnvironment();
        var listener = Listen(env.SocketPath);
        var client = await env.ConnectAsync();

        listener.Dispose();
        var error = await Assert.ThrowsAsync<ProtocolException>(() => client.RequestAsync("a", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await));

        Assert.True(error.ConnectionLost, error.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task RequestAsync_ServerExplainsAndCloses_ExceptionCarriesTheServersReason()
    {
        await using var env = new IpcTestEnvironment();
        using var listener = Listen(env.SocketPath);
        var client = await env.ConnectAsync();
        var server = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);

        var pending = client.RequestAsync("a", null, RequestTimeout, CancellationToken.None);
        await RawSocket.ReadFrameAsync(server);
        await RawSocket.SendAsync(server, RawSocket.Frame(FrameType.Response, """{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request: nope"}}"""));
        server.Dispose();

        var error = await Assert.ThrowsAsync<ProtocolException>(() => pending.WaitAsync(TestTimeouts.Await));
        Assert.Contains("Invalid request: nope", error.Message, StringComparison.Ordinal);
        Assert.False(error.ConnectionLost); // the daemon closed on purpose and said why
    }

    [Fact]
    public async Task RequestAsync_ServerSendsUnknownFrameType_ThrowsProtocolException()
    {
        await using var env = new IpcTestEnvironment();
        using var listener = Listen(env.SocketPath);
        var client = await env.ConnectAsync();
        using var server = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);

        var pending = client.RequestAsync("a", null, RequestTimeout, CancellationToken.None);
        await RawSocket.ReadFrameAsync(server);
        await RawSocket.SendAsync(server, RawSocket.Frame(0x42, [1, 2, 3]));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => pending.WaitAsync(TestTimeouts.Await));
        Assert.Contains("0x42", error.Details, StringComparison.Ordinal);
        Assert.False(error.ConnectionLost);
        Assert.Empty(await RawSocket.ReadUntilClosedAsync(server));
    }

    [Fact]
    public async Task NotificationReceived_SubscriberThrows_ConnectionKeepsWorking()
    {
        await using var env = new IpcTestEnvironment();
        using var listener = Listen(env.SocketPath);
        var client = await env.ConnectAsync();
        using var server = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);
        var second = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.NotificationReceived += _ => throw new InvalidOperationException("subscriber bug");
        client.NotificationReceived += n => second.TrySetResult(n.Method);

        await RawSocket.SendAsync(server, RawSocket.Frame(FrameType.Notification, """{"jsonrpc":"2.0","method":"event.app"}"""));

        Assert.Equal("event.app", await second.Task.WaitAsync(TestTimeouts.Await));
        Assert.True(client.IsConnected);
    }

    private static Socket Listen(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        return listener;
    }
}
