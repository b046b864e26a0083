using System.Net.Sockets;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>A private directory under /tmp (short enough for a socket path) plus the servers, clients and sockets a test opened.</summary>
internal sealed class IpcTestEnvironment : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public IpcTestEnvironment()
    {
        Directory = Path.Combine("/tmp", "odipc-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        SocketPath = Path.Combine(Directory, "d.sock");
    }

    public string Directory { get; }

    public string SocketPath { get; }

    public RecordingLogger Logger { get; } = new();

    public async Task<IpcServer> StartServerAsync(
        IJsonRpcHandler handler,
        int maxFrameSize = 10 * 1024 * 1024,
        TimeSpan? idleTimeout = null,
        TimeProvider? timeProvider = null,
        string? socketPath = null,
        int? maxConnections = null,
        long? maxPendingFrameBytes = null)
    {
        var server = new IpcServer(
            new IpcServerOptions
            {
                SocketPath = socketPath ?? SocketPath,
                MaxFrameSize = maxFrameSize,
                IdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(5),
                Logger = Logger,
                TimeProvider = timeProvider ?? TimeProvider.System,
                MaxConnections = maxConnections ?? ConnectionLimits.MaxDefaultConnections,
                MaxPendingFrameBytes = maxPendingFrameBytes ?? ConnectionLimits.DefaultMaxPendingFrameBytes,
            },
            handler);
        _owned.Add(server);
        await server.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await);
        return server;
    }

    /// <summary>Starts a server with options the test built (its socket path should be <see cref="SocketPath"/>).</summary>
    public async Task<IpcServer> StartServerAsync(IpcServerOptions options, IJsonRpcHandler handler)
    {
        var server = new IpcServer(options, handler);
        _owned.Add(server);
        await server.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await);
        return server;
    }

    public async Task<IpcClient> ConnectAsync()
    {
        var client = await IpcClient.ConnectAsync(SocketPath, TestTimeouts.Await, CancellationToken.None).WaitAsync(TestTimeouts.Await);
        _owned.Add(client);
        return client;
    }

    public async Task<Socket> ConnectRawAsync()
    {
        var socket = await RawSocket.ConnectAsync(SocketPath);
        _owned.Add(new SocketOwner(socket));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private sealed class SocketOwner(Socket socket) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
