using System.Net.Sockets;
using System.Text.Json;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>A misbehaving connection is closed alone; a healthy client connected alongside keeps being served.</summary>
public sealed class IpcIsolationTests
{
    private const int SmallMaxFrameSize = 1024;

    [Fact]
    public async Task ReadLoop_UnknownFrameType_ClosesOnlyThatConnection()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        var healthy = await env.ConnectAsync();
        var bad = await env.ConnectRawAsync();

        await RawSocket.SendAsync(bad, RawSocket.Frame(0x7F, "{}"u8));

        Assert.Empty(await RawSocket.ReadUntilClosedAsync(bad));
        await AssertHealthyAsync(server, healthy);
        Assert.Contains(env.Logger.Entries, e => e.EventId.Id == 112 && e.Message.Contains("0x7F", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadLoop_InvalidJson_AnswersParseErrorThenClosesOnlyThatConnection()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        var healthy = await env.ConnectAsync();
        var bad = await env.ConnectRawAsync();

        await RawSocket.SendAsync(bad, RawSocket.Frame(FrameType.Request, """{"jsonrpc":"2.0","id":1,"method":"x",""" ));

        var frames = await RawSocket.ReadUntilClosedAsync(bad);
        var error = Assert.Single(frames).Json();
        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);
        Assert.Equal(JsonRpcError.ParseError, error.GetProperty("error").GetProperty("code").GetInt32());
        await AssertHealthyAsync(server, healthy);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("""{"jsonrpc":"2.0","id":3}""")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":42}""")]
    [InlineData("""{"id":3,"method":"no.version"}""")]
    public async Task ReadLoop_InvalidRequestObject_AnswersInvalidRequestThenClosesOnlyThatConnection(string payload)
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        var healthy = await env.ConnectAsync();
        var bad = await env.ConnectRawAsync();

        await RawSocket.SendAsync(bad, RawSocket.Frame(FrameType.Request, payload));

        var frames = await RawSocket.ReadUntilClosedAsync(bad);
        Assert.Equal(JsonRpcError.InvalidRequest, Assert.Single(frames).Json().GetProperty("error").GetProperty("code").GetInt32());
        await AssertHealthyAsync(server, healthy);
    }

    [Fact]
    public async Task ReadLoop_FrameHeaderOverMaxFrameSize_ClosesWithoutWaitingForPayload()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo, maxFrameSize: SmallMaxFrameSize);
        var healthy = await env.ConnectAsync();
        var bad = await env.ConnectRawAsync();

        // Only the header: the server must decide from it alone, not wait for (or allocate) the payload.
        await RawSocket.SendAsync(bad, RawSocket.Frame((byte)FrameType.Request, [], declaredLength: SmallMaxFrameSize + 1));

        Assert.Empty(await RawSocket.ReadUntilClosedAsync(bad));
        await AssertHealthyAsync(server, healthy);
        Assert.Contains(env.Logger.Entries, e => e.EventId.Id == 112 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task ReadLoop_FrameAtExactlyMaxFrameSize_IsAccepted()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(
            new DelegateHandler((request, _, _) => ValueTask.FromResult(JsonRpcResponse.Success(request.Id, JsonDocument.Parse("true").RootElement))),
            maxFrameSize: SmallMaxFrameSize);
        var socket = await env.ConnectRawAsync();
        const string Prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fill\",\"params\":{\"pad\":\"";
        const string Suffix = "\"}}";
        var json = Prefix + new string('x', SmallMaxFrameSize - Prefix.Length - Suffix.Length) + Suffix;

        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Request, json));

        var frame = await RawSocket.ReadFrameAsync(socket);
        Assert.Equal(FrameType.Response, frame!.Type);
        Assert.True(frame.Json().GetProperty("result").GetBoolean());
    }

    [Fact]
    public async Task ReadLoop_HalfWrittenFrameThenDisconnect_DropsOnlyThatConnection()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        var healthy = await env.ConnectAsync();
        var bad = await env.ConnectRawAsync();
        await Poll.UntilAsync(() => server.ConnectionCount == 2, "both clients are connected");

        var frame = RawSocket.Frame(FrameType.Request, """{"jsonrpc":"2.0","id":1,"method":"echo"}""");
        await RawSocket.SendAsync(bad, frame[..12]);
        bad.Shutdown(SocketShutdown.Send);

        Assert.Empty(await RawSocket.ReadUntilClosedAsync(bad));
        await Poll.UntilAsync(() => server.ConnectionCount == 1, "the half-written connection is dropped");
        await AssertHealthyAsync(server, healthy);
        Assert.Contains(env.Logger.Entries, e => e.EventId.Id == 112 && e.Message.Contains("middle of a frame", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestAsync_ClientDisposedMidRequest_HandlerIsCancelledAndConnectionClosed()
    {
        await using var env = new IpcTestEnvironment();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<JsonRpcResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await env.StartServerAsync(new DelegateHandler(async (request, peer, ct) =>
        {
            if (request.Method != "block")
            {
                return await DelegateHandler.Echo.HandleAsync(request, peer, ct);
            }

            started.SetResult();
            try
            {
                return await never.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                cancelled.SetResult();
                throw;
            }
        }));
        var healthy = await env.ConnectAsync();
        var leaving = await IpcClient.ConnectAsync(env.SocketPath, TestTimeouts.Await, CancellationToken.None);

        var blocked = leaving.RequestAsync("block", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        await started.Task.WaitAsync(TestTimeouts.Await);
        await leaving.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);

        await Assert.ThrowsAsync<ProtocolException>(() => blocked.WaitAsync(TestTimeouts.Await));
        await cancelled.Task.WaitAsync(TestTimeouts.Await);
        await Poll.UntilAsync(() => server.ConnectionCount == 1, "the departed client's connection is closed");
        await AssertHealthyAsync(server, healthy);
    }

    [Fact]
    public async Task ReadLoop_RawClientClosesMidRequest_ServerSeesEofAndCancelsHandler()
    {
        await using var env = new IpcTestEnvironment();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await env.StartServerAsync(new DelegateHandler(async (request, peer, ct) =>
        {
            if (request.Method != "block")
            {
                return await DelegateHandler.Echo.HandleAsync(request, peer, ct);
            }

            started.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            finally
            {
                cancelled.SetResult();
            }

            return JsonRpcResponse.Success(request.Id, default);
        }));
        var healthy = await env.ConnectAsync();
        var bad = await env.ConnectRawAsync();

        await RawSocket.SendAsync(bad, RawSocket.Frame(FrameType.Request, """{"jsonrpc":"2.0","id":1,"method":"block"}"""));
        await started.Task.WaitAsync(TestTimeouts.Await);
        bad.Shutdown(SocketShutdown.Send);

        Assert.Empty(await RawSocket.ReadUntilClosedAsync(bad));
        await cancelled.Task.WaitAsync(TestTimeouts.Await);
        await Poll.UntilAsync(() => server.ConnectionCount == 1, "the closed connection is dropped");
        Assert.Equal(1, (await healthy.RequestAsync("echo", JsonDocument.Parse("[1]").RootElement, TimeSpan.FromSeconds(10), CancellationToken.None)
            .WaitAsync(TestTimeouts.Await)).Result!.Value.GetArrayLength());
    }

    private static async Task AssertHealthyAsync(IpcServer server, IpcClient healthy)
    {
        var response = await healthy.RequestAsync("echo", JsonDocument.Parse("""{"still":"here"}""").RootElement, TimeSpan.FromSeconds(10), CancellationToken.None)
            .WaitAsync(TestTimeouts.Await);
        Assert.Equal("here", response.Result!.Value.GetProperty("still").GetString());
        await Poll.UntilAsync(() => server.ConnectionCount == 1, "only the healthy connection is left");
    }
}
