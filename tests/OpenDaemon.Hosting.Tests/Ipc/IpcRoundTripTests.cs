using System.Text;
using System.Text.Json;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

public sealed class IpcRoundTripTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RequestAsync_EchoHandler_ReturnsResultForThatRequest()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(DelegateHandler.Echo);
        var client = await env.ConnectAsync();

        var response = await client.RequestAsync("echo", Json("""{"name":"api","instances":3}"""), RequestTimeout, CancellationToken.None)
            .WaitAsync(TestTimeouts.Await);

        Assert.Null(response.Error);
        Assert.Equal("api", response.Result!.Value.GetProperty("name").GetString());
        Assert.Equal(3, response.Result.Value.GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task RequestAsyncTyped_EchoHandler_ResultIsReadStraightIntoItsType()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(DelegateHandler.Echo);
        var client = await env.ConnectAsync();

        var response = await client.RequestAsync("echo", Json("""["api","worker"]"""), TestJsonContext.Default.StringArray, RequestTimeout, CancellationToken.None)
            .WaitAsync(TestTimeouts.Await);

        Assert.Null(response.Error);
        Assert.Equal(["api", "worker"], response.Result!);
    }

    [Fact]
    public async Task Request_OnLinux_HandlerSeesTheCallersPidAndUidFromTheKernel()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var env = new IpcTestEnvironment();
        var seen = new TaskCompletionSource<CallerIdentity>(TaskCreationOptions.RunContinuationsAsynchronously);
        await env.StartServerAsync(new DelegateHandler((request, peer, _) =>
        {
            seen.TrySetResult(peer.Caller);
            return ValueTask.FromResult(JsonRpcResponse.Success(request.Id, Json("true")));
        }));
        var client = await env.ConnectAsync();

        await client.RequestAsync("who", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await);

        var caller = await seen.Task.WaitAsync(TestTimeouts.Await);
        Assert.Equal(CallerIdentity.Cli, caller.Transport);
        Assert.Equal(Environment.ProcessId, caller.Pid);
        Assert.Equal(OpenDaemon.Ipc.Interop.PosixFiles.GetEffectiveUid(), caller.Uid);
    }

    [Fact]
    public async Task RequestAsync_HandlerPushesNotificationAndBinary_ClientReceivesBoth()
    {
        await using var env = new IpcTestEnvironment();
        var logBytes = Encoding.UTF8.GetBytes("line 1\nline 2\n");
        await env.StartServerAsync(new DelegateHandler(async (request, peer, ct) =>
        {
            await peer.SendNotificationAsync(new JsonRpcNotification("log.line", Json("""{"app":"api"}""")), ct);
            await peer.SendBinaryAsync(logBytes, ct);
            return JsonRpcResponse.Success(request.Id, Json("true"));
        }));
        var client = await env.ConnectAsync();
        var notified = new TaskCompletionSource<JsonRpcNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        var binary = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.NotificationReceived += n => notified.TrySetResult(n);
        client.BinaryReceived += b => binary.TrySetResult(b.ToArray());

        var response = await client.RequestAsync("log.stream", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await);

        Assert.True(response.Result!.Value.GetBoolean());
        var notification = await notified.Task.WaitAsync(TestTimeouts.Await);
        Assert.Equal("log.line", notification.Method);
        Assert.Equal("api", notification.Params!.Value.GetProperty("app").GetString());
        Assert.Equal(logBytes, await binary.Task.WaitAsync(TestTimeouts.Await));
    }

    [Fact]
    public async Task Request_StringIdFromRawClient_ResponseCarriesTheSameId()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(DelegateHandler.Echo);
        var socket = await env.ConnectRawAsync();

        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Request, """{"jsonrpc":"2.0","id":"req-7","method":"echo","params":[1,2]}"""));
        var frame = await RawSocket.ReadFrameAsync(socket);

        Assert.Equal(FrameType.Response, frame!.Type);
        var json = frame.Json();
        Assert.Equal("2.0", json.GetProperty("jsonrpc").GetString());
        Assert.Equal("req-7", json.GetProperty("id").GetString());
        Assert.Equal(2, json.GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task NotifyAsync_ClientNotification_HandlerSeesNoIdAndNothingIsAnswered()
    {
        await using var env = new IpcTestEnvironment();
        var seen = new TaskCompletionSource<JsonRpcRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await env.StartServerAsync(new DelegateHandler((request, _, _) =>
        {
            if (request.Method == "client.event")
            {
                seen.TrySetResult(request);
            }

            return ValueTask.FromResult(JsonRpcResponse.Success(request.Id, Json("1")));
        }));
        var socket = await env.ConnectRawAsync();

        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Notification, """{"jsonrpc":"2.0","method":"client.event","params":{"a":1}}"""));
        await RawSocket.SendAsync(socket, RawSocket.Frame(FrameType.Request, """{"jsonrpc":"2.0","id":5,"method":"after"}"""));

        var request = await seen.Task.WaitAsync(TestTimeouts.Await);
        Assert.Null(request.Id);
        Assert.Equal(1, request.Params!.Value.GetProperty("a").GetInt32());
        var first = await RawSocket.ReadFrameAsync(socket);
        Assert.Equal(5, first!.Json().GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task RequestAsync_HandlerThrows_InternalErrorThenNextRequestWorks()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(new DelegateHandler((request, _, _) => request.Method == "boom"
            ? throw new InvalidOperationException("secret=hunter2")
            : ValueTask.FromResult(JsonRpcResponse.Success(request.Id, Json("\"ok\"")))));
        var client = await env.ConnectAsync();

        var failed = await client.RequestAsync("boom", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await);
        var next = await client.RequestAsync("fine", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await);

        Assert.Equal(JsonRpcError.InternalError, failed.Error!.Code);
        Assert.DoesNotContain("hunter2", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", next.Result!.Value.GetString());
        Assert.Contains(env.Logger.Entries, e => e.EventId.Id == 120);
    }

    [Fact]
    public async Task RequestAsync_SlowRequestRunning_NextRequestOnSameConnectionIsAnsweredFirst()
    {
        await using var env = new IpcTestEnvironment();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await env.StartServerAsync(new DelegateHandler(async (request, _, ct) =>
        {
            if (request.Method == "slow")
            {
                await release.Task.WaitAsync(ct);
            }

            return JsonRpcResponse.Success(request.Id, Json($"\"{request.Method}\""));
        }));
        var client = await env.ConnectAsync();

        var slow = client.RequestAsync("slow", null, RequestTimeout, CancellationToken.None);
        var fast = await client.RequestAsync("fast", null, RequestTimeout, CancellationToken.None).WaitAsync(TestTimeouts.Await);

        Assert.Equal("fast", fast.Result!.Value.GetString());
        Assert.False(slow.IsCompleted);
        release.SetResult();
        Assert.Equal("slow", (await slow.WaitAsync(TestTimeouts.Await)).Result!.Value.GetString());
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
