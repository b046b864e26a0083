using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

// Overview: StartAsync binds the socket and starts one accept loop; each accepted socket becomes an
// IpcConnection with its own read loop (see IpcConnection.cs). _connections holds every connection until
// its handlers have drained, so DisposeAsync can await all of them; _liveCount drops as soon as a socket
// closes, which is what ConnectionCount reports. An optional timer sweeps for idle connections.
// DisposeAsync runs once (later calls await the same task): stop the accept loop and the timer, close the
// listener and delete the socket file, abort every connection (each still lets answers that are ready go
// out, for a short grace period: see IpcConnection), then wait for them all. A handler that ignores its
// cancellation token therefore delays DisposeAsync: handlers must honour the token.
//
// Limits: past MaxConnections an accepted socket gets one id-less error response and is closed at once
// (no IpcConnection, no read loop). Accept failures (EMFILE: out of descriptors) back off, doubling from
// 100 ms to 2 s, instead of spinning on a backlog that stays readable. Both are logged through a
// ThrottledCount: the first at once, then one line per 10 s with the count. Every connection charges its
// unfinished frame to one FrameBudget; when the budget empties after a spike, a compacting collection
// gives the memory back to the OS (at most once per 10 s).

/// <summary>A framed JSON-RPC 2.0 server on a Unix domain socket (spec §5).</summary>
/// <remarks>
/// A connection that breaks the protocol is closed alone; the others keep being served. Handler exceptions
/// become <see cref="JsonRpcError.InternalError"/> responses.
/// </remarks>
public sealed class IpcServer : IAsyncDisposable
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxAcceptRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinCollectInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxIdleCheckPeriod = TimeSpan.FromSeconds(1);

    private readonly IpcServerOptions _options;
    private readonly IJsonRpcHandler _handler;
    private readonly ILogger _logger;
    private readonly string _socketPath;
    private readonly ConcurrentDictionary<long, IpcConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private ITimer? _idleTimer;
    private Task? _disposeTask;
    private readonly FrameBudget _frameBudget;
    private readonly SocketPolicy _policy;
    private readonly ThrottledCount _acceptFailures;
    private readonly ThrottledCount _refusals;
    private long _lastConnectionId;
    private int _liveCount;
    private long _lastCollect;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    public IpcServer(IpcServerOptions options, IJsonRpcHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SocketPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFrameSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcurrentRequestsPerConnection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConnections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPendingFrameBytes);
        if (options.IdleTimeout <= TimeSpan.Zero && options.IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "IdleTimeout must be positive or Timeout.InfiniteTimeSpan");
        }

        _options = options;
        _handler = handler;
        _logger = options.Logger ?? NullLogger.Instance;
        _socketPath = Path.GetFullPath(options.SocketPath);
        _frameBudget = new FrameBudget(options.MaxPendingFrameBytes, spikeThreshold: Math.Min(options.MaxPendingFrameBytes, 8L * 1024 * 1024));
        _acceptFailures = new ThrottledCount(options.TimeProvider, LogPeriod);
        _refusals = new ThrottledCount(options.TimeProvider, LogPeriod);
        _policy = new SocketPolicy(options, _logger);

        // Fail at construction, where the configuration is, rather than at StartAsync.
        _ = SocketEndPoints.For(_socketPath);
    }

    /// <summary>Connections whose socket is open right now.</summary>
    public int ConnectionCount => Volatile.Read(ref _liveCount);

    /// <summary>Bytes of frames still being received, all connections together (at most <see cref="IpcServerOptions.MaxPendingFrameBytes"/>).</summary>
    public long PendingFrameBytes => _frameBudget.InUse;

    /// <summary>
    /// Creates the parent directory (mode 0700) if missing, removes a stale socket file, binds, sets the socket
    /// file to mode 0600 and starts accepting.
    /// </summary>
    /// <exception cref="IOException">Another server already listens on the path, or the path cannot be used.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposeTask is not null, this);
            if (_listener is not null)
            {
                throw new InvalidOperationException("the IPC server is already started");
            }
        }

        await UnixSocketFile.PrepareForBindAsync(_socketPath, _options.SocketGroupId, _options.TimeProvider, _logger, cancellationToken).ConfigureAwait(false);
        var listener = Bind();
        lock (_gate)
        {
            if (_disposeTask is not null || _listener is not null)
            {
                listener.Dispose();
                UnixSocketFile.TryDelete(_socketPath, _logger);
                ObjectDisposedException.ThrowIf(_disposeTask is not null, this);
                throw new InvalidOperationException("the IPC server is already started");
            }

            _listener = listener;
            _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
            if (_options.IdleTimeout != Timeout.InfiniteTimeSpan)
            {
                var period = _options.IdleTimeout / 2 < MaxIdleCheckPeriod ? _options.IdleTimeout / 2 : MaxIdleCheckPeriod;
                _idleTimer = _options.TimeProvider.CreateTimer(_ => CloseIdleConnections(), null, period, period);
            }
        }

        IpcLog.Listening(_logger, _socketPath);
    }

    /// <summary>Stops accepting, closes every connection, waits for their handlers and deletes the socket file. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposeTask ??= DisposeCoreAsync();
            return new ValueTask(_disposeTask);
        }
    }

    private Socket Bind()
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(SocketEndPoints.For(_socketPath));

            // Between bind and chmod the file has the umask's mode, but nobody can connect before Listen,
            // so the socket is never reachable with looser permissions than 0600 (0660 with a socket group).
            if (!OperatingSystem.IsWindows())
            {
                UnixSocketFile.SetAccess(_socketPath, _options.SocketGroupId);
            }

            listener.Listen();
            return listener;
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new IOException($"cannot listen on {_socketPath}: the path is already in use", error);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        var retryDelay = AcceptRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                retryDelay = AcceptRetryDelay;
            }
            catch (Exception error) when (cancellationToken.IsCancellationRequested
                && error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException error)
            {
                // Typically out of file descriptors: the pending connection stays in the backlog, so retrying
                // at once would spin. Back off, log once per period with a count, and keep serving.
                if (_acceptFailures.Record(out var failures))
                {
                    IpcLog.AcceptFailed(_logger, failures, LogPeriod.TotalSeconds, error.Message, retryDelay.TotalMilliseconds);
                }

                try
                {
                    await Task.Delay(retryDelay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retryDelay = retryDelay * 2 < MaxAcceptRetryDelay ? retryDelay * 2 : MaxAcceptRetryDelay;
                continue;
            }

            if (Volatile.Read(ref _liveCount) >= _options.MaxConnections)
            {
                Refuse(socket);
                continue;
            }

            var connection = new IpcConnection(
                Interlocked.Increment(ref _lastConnectionId),
                socket,
                _handler,
                _options,
                _logger,
                _frameBudget,
                _policy,
                onClosed: _ => Interlocked.Decrement(ref _liveCount),
                onCompleted: c => _connections.TryRemove(c.ConnectionId, out _),
                onSpikeReleased: ReturnMemory);
            _connections[connection.ConnectionId] = connection;
            Interlocked.Increment(ref _liveCount);
            connection.Start();
        }
    }

    // One id-less error response, written without waiting (it fits any socket buffer), then close: the
    // client reads why instead of hanging, and the server spends nothing more on it.
    private void Refuse(Socket socket)
    {
        var message = $"the daemon has too many connections open (the limit is {_options.MaxConnections}); close some clients and try again";
        if (_refusals.Record(out var refused))
        {
            IpcLog.ConnectionRefused(_logger, refused, LogPeriod.TotalSeconds, _options.MaxConnections);
        }

        try
        {
            using var buffer = new PooledBufferWriter();
            var header = buffer.GetSpan(FrameCodec.HeaderSize);
            buffer.Advance(FrameCodec.HeaderSize);
            JsonRpcWriter.WriteResponse(buffer, JsonRpcResponse.Failure(null, new JsonRpcError(JsonRpcError.ServerError, message)));
            var frame = buffer.WrittenMemory.ToArray();
            FrameCodec.WriteHeader(frame, FrameType.Response, frame.Length - FrameCodec.HeaderSize);
            socket.Blocking = false;
            socket.Send(frame, SocketFlags.None, out _);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The client already left: nothing to tell.
        }
        finally
        {
            socket.Dispose();
        }
    }

    // The frames of a spike went back to the pool; a compacting collection returns the pool's and the heap's
    // free memory to the OS, so the daemon's RSS comes back down instead of staying at its peak.
    private void ReturnMemory()
    {
        var now = _options.TimeProvider.GetTimestamp();
        var last = Volatile.Read(ref _lastCollect);
        if (last != 0 && _options.TimeProvider.GetElapsedTime(last, now) < MinCollectInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastCollect, now, last) == last)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static _ => Memory.BurstMemoryReturner.ReturnNow(),
                null);
        }
    }

    private void CloseIdleConnections()
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.IsIdle(_options.IdleTimeout))
            {
                IpcLog.IdleTimeout(_logger, connection.ConnectionId, _options.IdleTimeout);
                connection.Abort("idle timeout");
            }
        }
    }

    private async Task DisposeCoreAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Socket? listener;
        lock (_gate)
        {
            listener = _listener;
        }

        if (listener is null)
        {
            return;
        }

        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync().ConfigureAwait(false);
        }

        listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        UnixSocketFile.TryDelete(_socketPath, _logger);

        var connections = _connections.Values;
        foreach (var connection in connections)
        {
            connection.Abort("the server is shutting down");
        }

        await Task.WhenAll(connections.Select(c => c.Completion)).ConfigureAwait(false);
        _stopping.Dispose();
        IpcLog.Stopped(_logger, _socketPath);
    }
}
