using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>The server's bounds: connections, memory of unfinished frames, frames a client must not send.</summary>
public sealed class IpcLimitsTests
{
    [Fact]
    public async Task Accept_PastMaxConnections_ExtraGetAnErrorAndTheOthersAreStillServed()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo, maxConnections: 4);
        var clients = new List<IpcClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await env.ConnectAsync());
        }

        await Poll.UntilAsync(() => server.ConnectionCount == 4, "four connections are open");

        var extras = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            extras.Add(await env.ConnectRawAsync());
        }

        foreach (var extra in extras)
        {
            var frames = await RawSocket.ReadUntilClosedAsync(extra);
            var error = Assert.Single(frames).Json().GetProperty("error");
            Assert.Contains("too many connections", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var answer = await clients[0].RequestAsync("echo", JsonDocument.Parse("[1]").RootElement, TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(TestTimeouts.Await);
        Assert.Equal(1, answer.Result!.Value[0].GetInt32());
        Assert.Equal(4, server.ConnectionCount);
        Assert.Contains(env.Logger.Entries, entry => entry.Message.Contains("Refused 1 IPC connection(s)", StringComparison.Ordinal));

        await clients[3].DisposeAsync();
        await Poll.UntilAsync(() => server.ConnectionCount == 3, "a slot is free again");
        var late = await env.ConnectAsync();
        var lateAnswer = await late.RequestAsync("echo", JsonDocument.Parse("[2]").RootElement, TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(TestTimeouts.Await);
        Assert.Equal(2, lateAnswer.Result!.Value[0].GetInt32());
    }

    [Fact]
    public async Task Read_UnfinishedFramesPastTheBudget_ClosesTheConnectionThatWouldExceedIt()
    {
        const int Chunk = 300_000;
        const long Budget = 1_000_000;
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo, maxPendingFrameBytes: Budget);
        var partial = RawSocket.Frame((byte)FrameType.Request, new byte[Chunk], declaredLength: 2_000_000);
        var holders = new List<Socket>();
        for (var i = 1; i <= 3; i++)
        {
            var socket = await env.ConnectRawAsync();
            await RawSocket.SendAsync(socket, partial);
            holders.Add(socket);
            var expected = (long)i * partial.Length;
            await Poll.UntilAsync(() => server.PendingFrameBytes == expected, $"{i} unfinished frame(s) are charged");
        }

        var greedy = await env.ConnectRawAsync();
        try
        {
            await RawSocket.SendAsync(greedy, partial);
        }
        catch (SocketException)
        {
            // Closed by the server while sending: the answer is already in our receive buffer.
        }

        var frames = await RawSocket.ReadUntilClosedAsync(greedy);
        var message = Assert.Single(frames).Json().GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("too many large frames", message, StringComparison.Ordinal);
        // The server counts the closed connection out just after closing it: wait for that, not for luck.
        await Poll.UntilAsync(() => server.ConnectionCount == 3, () => $"the greedy connection is counted out (connections: {server.ConnectionCount})");
        Assert.Equal(3L * partial.Length, server.PendingFrameBytes);

        foreach (var holder in holders)
        {
            holder.Dispose();
        }

        await Poll.UntilAsync(() => server.PendingFrameBytes == 0 && server.ConnectionCount == 0, "the charges are returned");
    }

    [Theory]
    [InlineData(FrameType.Response)]
    [InlineData(FrameType.AuthResponse)]
    public async Task Read_ClientSendsAnswerFrame_GetsAnErrorAndIsClosed(FrameType type)
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        var socket = await env.ConnectRawAsync();

        await RawSocket.SendAsync(socket, RawSocket.Frame(type, """{"jsonrpc":"2.0","id":1,"result":1}"""));
        var frames = await RawSocket.ReadUntilClosedAsync(socket);

        var error = Assert.Single(frames).Json().GetProperty("error");
        Assert.Equal(JsonRpcError.InvalidRequest, error.GetProperty("code").GetInt32());
        await Poll.UntilAsync(() => server.ConnectionCount == 0, "the connection is closed");
    }

    [Fact]
    public void Record_RepeatedWithinThePeriod_ReportsOnceThenTheCount()
    {
        var time = new FakeTimeProvider();
        var counter = new ThrottledCount(time, TimeSpan.FromSeconds(10));

        Assert.True(counter.Record(out var first));
        var quiet = Enumerable.Range(0, 5).Count(_ => counter.Record(out long _));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(counter.Record(out var later));

        Assert.Equal((1L, 0, 6L), (first, quiet, later));
    }

    [Theory]
    [InlineData(null, 1024)]
    [InlineData(1024L, 256)]
    [InlineData(20L, 16)]
    [InlineData(1_048_576L, 1024)]
    public void DefaultFor_OpenFileLimit_LeavesThreeQuartersForTheApps(long? limit, int expected) =>
        Assert.Equal(expected, ConnectionLimits.DefaultFor(limit));
}
