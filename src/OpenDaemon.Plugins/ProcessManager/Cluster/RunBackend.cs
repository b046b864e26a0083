using System.Net;
using System.Net.Sockets;
using OpenDaemon.Hosting.Sockets;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// A run's private socket — 127.0.0.1 and a port the kernel picked, passed at fd 3 with LISTEN_FDS as in
/// shared mode, so the app is unchanged — and what the daemon sends it: connections it relays (a
/// connection-level strategy for an app that cannot take a handed connection, not on node: the daemon
/// connects to the socket and passes the bytes both ways, an L4 relay: <see cref="SocketRelay"/>) or requests
/// its HTTP proxy forwards
/// (a request-level strategy, which counts them here with <see cref="TryBeginRequest"/>).
/// </summary>
/// <remarks>
/// Concurrency: the dispatcher's loop calls <see cref="TryTakeAsync"/> one connection at a time; each relayed
/// connection then runs as <see cref="SocketRelay"/>'s two loops, one per direction, on the thread pool.
/// The proxy begins and ends requests from any thread. The counters are Interlocked. <see cref="TryRetire"/>
/// comes from the instance's actor: it sets the retired flag (later connections and requests go elsewhere)
/// and waits, polling every 5 ms, until no connect is under way, no proxied request is in flight and the
/// private socket's accept queue is empty — everything sent to the run has then reached the app, whose
/// graceful stop includes it. Every count is raised before the retired flag is read, and the flag is set
/// before the counts are read, so nothing slips between. The actor's drain timer bounds the wait.
/// </remarks>
internal sealed class RunBackend(SharedListenSocket backend, TimeProvider time) : IConnectionTarget, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(5);

    private int _open;
    private int _requests;
    private int _connecting;
    private int _retired;
    private int _usedAny;

    /// <summary>The run's private port on 127.0.0.1.</summary>
    public int Port => backend.Port;

    /// <summary>Relayed connections open and proxied requests in flight.</summary>
    public int OpenConnections => Volatile.Read(ref _open) + Volatile.Read(ref _requests);

    /// <summary>A proxied request to the run begins; false when the run is retired (pick another). Call <see cref="EndRequest"/> when it has ended.</summary>
    public bool TryBeginRequest()
    {
        Interlocked.Increment(ref _requests);
        if (Volatile.Read(ref _retired) == 1)
        {
            Interlocked.Decrement(ref _requests);
            return false;
        }

        Volatile.Write(ref _usedAny, 1);
        return true;
    }

    public void EndRequest() => Interlocked.Decrement(ref _requests);

    public async ValueTask<bool> TryTakeAsync(Socket connection, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connecting); // before the retired check: a drain that follows waits for this connect
        try
        {
            if (Volatile.Read(ref _retired) == 1)
            {
                return false;
            }

            var upstream = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (upstream is null)
            {
                return false;
            }

            Interlocked.Increment(ref _open);
            Volatile.Write(ref _usedAny, 1);
            _ = RelayAsync(connection, upstream);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _connecting);
        }
    }

    public bool TryRetire(Action drained)
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _usedAny) == 0 && Volatile.Read(ref _connecting) == 0 && Volatile.Read(ref _requests) == 0)
        {
            return false;
        }

        _ = DrainAsync(drained);
        return true;
    }

    /// <summary>Closes the daemon's copy of the private socket (the run ended); relayed connections end on their own.</summary>
    public void Dispose() => backend.Dispose();

    // Null when the app does not accept on its socket (not listening yet, or gone): the dispatcher tries another run.
    private async Task<Socket?> ConnectAsync(CancellationToken cancellationToken)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, backend.Port), timeout.Token).ConfigureAwait(false);
            return upstream;
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            upstream.Dispose();
            return null;
        }
    }

    private async Task DrainAsync(Action drained)
    {
        while (Volatile.Read(ref _connecting) > 0 || Volatile.Read(ref _requests) > 0 || backend.AcceptQueueLength() > 0)
        {
            await Task.Delay(DrainPoll, time).ConfigureAwait(false);
        }

        drained();
    }

    private async Task RelayAsync(Socket client, Socket upstream)
    {
        client.NoDelay = true;
        try
        {
            await SocketRelay.RunAsync(client, upstream).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
