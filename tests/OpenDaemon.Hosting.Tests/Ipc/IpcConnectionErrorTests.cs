using System.Net.Sockets;
using System.Text.Json;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>The typed errors a caller sees when the daemon is absent, dead, busy or already running.</summary>
public sealed class IpcConnectionErrorTests
{
    [Fact]
    public async Task RequestAsync_NoAnswerWithinTimeout_ThrowsConnectionTimeoutAndConnectionStaysUsable()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(new DelegateHandler(async (request, peer, ct) =>
        {
            if (request.Method == "hang")
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return await DelegateHandler.Echo.HandleAsync(request, peer, ct);
        }));
        var client = await env.ConnectAsync();
        var timeout = TimeSpan.FromMilliseconds(200);

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(
            () => client.RequestAsync("hang", null, timeout, CancellationToken.None).WaitAsync(TestTimeouts.Await));
        var next = await client.RequestAsync("echo", JsonDocument.Parse("[7]").RootElement, TimeSpan.FromSeconds(10), CancellationToken.None)
            .WaitAsync(TestTimeouts.Await);

        Assert.Equal(timeout, error.Timeout);
        Assert.Equal(7, next.Result!.Value[0].GetInt32());
    }

    [Fact]
    public async Task RequestAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(new DelegateHandler(async (request, _, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return JsonRpcResponse.Success(request.Id, default);
        }));
        var client = await env.ConnectAsync();
        using var cancellation = new CancellationTokenSource();

        var call = client.RequestAsync("hang", null, TimeSpan.FromSeconds(30), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Await));
    }

    [Fact]
    public async Task ConnectAsync_NoSocketFile_ThrowsConnectionRefused()
    {
        await using var env = new IpcTestEnvironment();

        var error = await Assert.ThrowsAsync<ConnectionRefusedException>(
            () => IpcClient.ConnectAsync(env.SocketPath, TestTimeouts.Await, CancellationToken.None).WaitAsync(TestTimeouts.Await));

        Assert.Equal(env.SocketPath, error.SocketPath);
    }

    [Fact]
    public async Task ConnectAsync_NoDirectory_ThrowsConnectionRefused()
    {
        await using var env = new IpcTestEnvironment();
        var path = Path.Combine(env.Directory, "missing", "d.sock");

        await Assert.ThrowsAsync<ConnectionRefusedException>(
            () => IpcClient.ConnectAsync(path, TestTimeouts.Await, CancellationToken.None).WaitAsync(TestTimeouts.Await));
    }

    [Fact]
    public async Task ConnectAsync_SocketFileLeftByDeadServer_ThrowsStaleSocket()
    {
        await using var env = new IpcTestEnvironment();
        LeaveStaleSocket(env.SocketPath);

        var error = await Assert.ThrowsAsync<StaleSocketException>(
            () => IpcClient.ConnectAsync(env.SocketPath, TestTimeouts.Await, CancellationToken.None).WaitAsync(TestTimeouts.Await));

        Assert.Equal(env.SocketPath, error.SocketPath);
        Assert.True(File.Exists(env.SocketPath));
    }

    [Fact]
    public async Task StartAsync_StaleSocketFile_ReplacesItAndServes()
    {
        await using var env = new IpcTestEnvironment();
        LeaveStaleSocket(env.SocketPath);

        await env.StartServerAsync(DelegateHandler.Echo);
        var client = await env.ConnectAsync();
        var response = await client.RequestAsync("echo", JsonDocument.Parse("[1]").RootElement, TimeSpan.FromSeconds(10), CancellationToken.None)
            .WaitAsync(TestTimeouts.Await);

        Assert.Null(response.Error);
        Assert.Contains(env.Logger.Entries, e => e.EventId.Id == 101);
    }

    [Fact]
    public async Task StartAsync_LiveServerOnPath_ThrowsIOExceptionAndLeavesItServing()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(DelegateHandler.Echo);
        var second = new IpcServer(new IpcServerOptions { SocketPath = env.SocketPath }, DelegateHandler.Echo);

        var error = await Assert.ThrowsAsync<IOException>(() => second.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await));
        await second.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);

        Assert.Contains("already listening", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(env.SocketPath));
        var client = await env.ConnectAsync();
        Assert.Null((await client.RequestAsync("echo", null, TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(TestTimeouts.Await)).Error);
    }

    [Fact]
    public async Task ConnectAsyncAndServer_PathTooLongForUnixSocket_ThrowArgumentExceptionNamingThePath()
    {
        var path = "/tmp/" + new string('p', 200) + ".sock";

        var clientError = await Assert.ThrowsAsync<ArgumentException>(
            () => IpcClient.ConnectAsync(path, TestTimeouts.Await, CancellationToken.None).WaitAsync(TestTimeouts.Await));
        var serverError = Assert.Throws<ArgumentException>(() => new IpcServer(new IpcServerOptions { SocketPath = path }, DelegateHandler.Echo));

        Assert.Contains("too long", clientError.Message, StringComparison.Ordinal);
        Assert.Contains(path, serverError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneShotCall_NoSocketFileOrAStaleOne_SaysNothingListens()
    {
        await using var env = new IpcTestEnvironment();

        var missing = OneShotCall.TryInvoke(env.SocketPath, "echo", TestTimeouts.Await, out var nothingAtMissing);
        LeaveStaleSocket(env.SocketPath);
        var stale = OneShotCall.TryInvoke(env.SocketPath, "echo", TestTimeouts.Await, out var nothingAtStale);

        Assert.Null(missing);
        Assert.True(nothingAtMissing);
        Assert.Null(stale);
        Assert.True(nothingAtStale);
    }

    [Fact]
    public async Task OneShotCall_ResultOrErrorAnswer_SaysSomethingListens()
    {
        await using var env = new IpcTestEnvironment();
        await env.StartServerAsync(new DelegateHandler((request, _, _) => ValueTask.FromResult(request.Method == "fail"
            ? JsonRpcResponse.Failure(request.Id, new JsonRpcError(-32000, "failed"))
            : JsonRpcResponse.Success(request.Id, JsonDocument.Parse("{\"a\":[1]}").RootElement))));

        var answered = OneShotCall.TryInvoke(env.SocketPath, "answer", TestTimeouts.Await, out var nothingAtAnswer);
        var failed = OneShotCall.TryInvoke(env.SocketPath, "fail", TestTimeouts.Await, out var nothingAtFailure);

        Assert.Equal("{\"a\":[1]}", System.Text.Encoding.UTF8.GetString(answered!));
        Assert.False(nothingAtAnswer);
        Assert.Null(failed);
        Assert.False(nothingAtFailure);
    }

    /// <summary>A socket file nobody listens on: what a daemon killed with SIGKILL leaves behind.</summary>
    private static void LeaveStaleSocket(string path)
    {
        // .NET unlinks the file of a socket it bound when that socket is disposed, as a dying process would
        // not: bind under another name and rename the file, so the unlink on dispose misses it.
        var boundPath = path + ".tmp";
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(boundPath));
        socket.Listen();
        File.Move(boundPath, path);
        socket.Dispose();
        Assert.True(File.Exists(path));
    }
}
