using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>Heartbeats in both directions, and the heartbeat-aware idle timeout (driven by a fake clock).</summary>
public sealed class IpcHeartbeatTests
{
    private static readonly byte[] Ping = RawSocket.Frame((byte)FrameType.Heartbeat, [0]);

    [Fact]
    public async Task Heartbeat_RawClientSendsPing_ServerAnswersPong()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(DelegateHandler.Echo);
        var socket = await env.ConnectRawAsync();

        await RawSocket.SendAsync(socket, Ping);
        var frame = await RawSocket.ReadFrameAsync(socket);

        Assert.Equal(FrameType.Heartbeat, frame!.Type);
        Assert.Equal([1], frame.Payload);
    }

    [Fact]
    public async Task PingAsync_ServerRunning_ReturnsRoundTripTime()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(DelegateHandler.Echo);
        var client = await env.ConnectAsync();

        var roundTrip = await client.PingAsync(TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(TestTimeouts.Await);

        Assert.True(roundTrip > TimeSpan.Zero);
    }

    [Fact]
    public async Task Heartbeat_ServerSendsPingToClient_ClientAnswersPong()
    {
        await using var env = new IpcTestEnvironment();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(env.SocketPath));
        listener.Listen();
        await env.ConnectAsync();
        using var serverSide = await listener.AcceptAsync().WaitAsync(TestTimeouts.Await);

        await RawSocket.SendAsync(serverSide, Ping);
        var frame = await RawSocket.ReadFrameAsync(serverSide);

        Assert.Equal(FrameType.Heartbeat, frame!.Type);
        Assert.Equal([1], frame.Payload);
    }

    [Fact]
    public async Task IdleTimeout_NothingReceived_ServerClosesConnection()
    {
        await using var env = new IpcTestEnvironment();
        var time = new FakeTimeProvider();
        var server = await env.StartServerAsync(DelegateHandler.Echo, idleTimeout: TimeSpan.FromSeconds(10), timeProvider: time);
        var socket = await env.ConnectRawAsync();
        await Poll.UntilAsync(() => server.ConnectionCount == 1, "the connection is accepted");

        time.Advance(TimeSpan.FromSeconds(11));

        Assert.Empty(await RawSocket.ReadUntilClosedAsync(socket));
        await Poll.UntilAsync(() => server.ConnectionCount == 0, "the idle connection is dropped");
    }

    [Fact]
    public async Task IdleTimeout_ClientSendsHeartbeats_ConnectionStaysOpen()
    {
        await using var env = new IpcTestEnvironment();
        var time = new FakeTimeProvider();
        var server = await env.StartServerAsync(DelegateHandler.Echo, idleTimeout: TimeSpan.FromSeconds(10), timeProvider: time);
        var socket = await env.ConnectRawAsync();
        await Poll.UntilAsync(() => server.ConnectionCount == 1, "the connection is accepted");

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            await RawSocket.SendAsync(socket, Ping);
            Assert.Equal(FrameType.Heartbeat, (await RawSocket.ReadFrameAsync(socket))!.Type);
        }

        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task IdleTimeout_RequestStillRunning_ConnectionIsNotIdle()
    {
        await using var env = new IpcTestEnvironment();
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await env.StartServerAsync(
            new DelegateHandler(async (request, peer, ct) =>
            {
                started.SetResult();
                await release.Task.WaitAsync(ct);
                return await DelegateHandler.Echo.HandleAsync(request, peer, ct);
            }),
            idleTimeout: TimeSpan.FromSeconds(10),
            timeProvider: time);
        var client = await env.ConnectAsync();
        var call = client.RequestAsync("deploy", null, TimeSpan.FromMinutes(5), CancellationToken.None);
        await started.Task.WaitAsync(TestTimeouts.Await);

        time.Advance(TimeSpan.FromSeconds(30));
        release.SetResult();

        Assert.Null((await call.WaitAsync(TestTimeouts.Await)).Error);
        Assert.Equal(1, server.ConnectionCount);
    }
}
