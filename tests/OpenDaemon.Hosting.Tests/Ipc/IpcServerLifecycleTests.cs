using System.Runtime.Versioning;
using System.Text.Json;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

public sealed class IpcServerLifecycleTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task StartAsync_MissingDirectory_CreatesItPrivateAndSocketFileIs0600()
    {
        await using var env = new IpcTestEnvironment();
        var directory = Path.Combine(env.Directory, "run");
        var path = Path.Combine(directory, "d.sock");

        await env.StartServerAsync(DelegateHandler.Echo, socketPath: path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public async Task DisposeAsync_Started_DeletesSocketFileAndIsIdempotent()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);
        Assert.True(File.Exists(env.SocketPath));

        await server.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
        await server.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);

        Assert.False(File.Exists(env.SocketPath));
        await Assert.ThrowsAsync<ConnectionRefusedException>(
            () => IpcClient.ConnectAsync(env.SocketPath, TestTimeouts.Await, CancellationToken.None).WaitAsync(TestTimeouts.Await));
    }

    [Fact]
    public async Task DisposeAsync_ClientsConnectedWithRequestInFlight_ClosesThemAndCancelsHandlers()
    {
        await using var env = new IpcTestEnvironment();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await env.StartServerAsync(new DelegateHandler(async (request, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return JsonRpcResponse.Success(request.Id, default);
        }));
        var client = await env.ConnectAsync();
        var idle = await env.ConnectRawAsync();
        var pending = client.RequestAsync("hang", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        await started.Task.WaitAsync(TestTimeouts.Await);

        await server.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);

        Assert.Equal(0, server.ConnectionCount);
        await Assert.ThrowsAsync<ProtocolException>(() => pending.WaitAsync(TestTimeouts.Await));
        Assert.Empty(await RawSocket.ReadUntilClosedAsync(idle));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task DisposeAsync_StartedByAHandlerThatThenAnswers_AnswerStillReachesTheClient()
    {
        await using var env = new IpcTestEnvironment();
        IpcServer? server = null;
        Task? stopping = null;
        server = await env.StartServerAsync(new DelegateHandler(async (request, _, ct) =>
        {
            // What daemon.shutdown does: start stopping the server, then reply. Replying only once the
            // server is already closing this connection makes the race deterministic.
            var closing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = ct.Register(closing.SetResult);
            stopping = server!.DisposeAsync().AsTask();
            await closing.Task;
            return JsonRpcResponse.Success(request.Id, JsonDocument.Parse("\"bye\"").RootElement);
        }));
        var client = await env.ConnectAsync();

        var response = await client.RequestAsync("daemon.shutdown", null, TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(TestTimeouts.Await);
        await stopping!.WaitAsync(TestTimeouts.Await);

        Assert.Equal("bye", response.Result!.Value.GetString());
        Assert.False(File.Exists(env.SocketPath));
    }

    [Fact]
    public async Task ConnectionCount_ClientsComeAndGo_TracksLiveConnections()
    {
        await using var env = new IpcTestEnvironment();
        var server = await env.StartServerAsync(DelegateHandler.Echo);

        var first = await IpcClient.ConnectAsync(env.SocketPath, TestTimeouts.Await, CancellationToken.None);
        var second = await env.ConnectAsync();
        await Poll.UntilAsync(() => server.ConnectionCount == 2, "two connections are counted");
        await first.DisposeAsync();

        await Poll.UntilAsync(() => server.ConnectionCount == 1, "the disposed client is no longer counted");
        Assert.True(second.IsConnected);
    }

    [Fact]
    public async Task StartAsync_AfterDispose_ThrowsObjectDisposed()
    {
        await using var env = new IpcTestEnvironment();
        var server = new IpcServer(new IpcServerOptions { SocketPath = env.SocketPath }, DelegateHandler.Echo);
        await server.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await));
        Assert.False(File.Exists(env.SocketPath));
    }
}
