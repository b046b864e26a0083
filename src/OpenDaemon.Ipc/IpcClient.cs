using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Ipc;

// Overview: one socket, one read loop (IpcClient.ReadLoop.cs), one FrameWriter. RequestAsync may be called
// from many tasks at once: each call takes a fresh id, parks a TaskCompletionSource in _pending and writes
// its frame; the read loop completes the source whose id the response carries, with a copy of the answer in
// a pooled array (PooledPayload) that the caller reads and returns: the caller, not the read loop, parses
// the answer. Sources run their continuations asynchronously so callers never run on the read loop. A
// payload handed over belongs to the caller, which always awaits it; one the read loop could not hand over
// (the call had already timed out or been cancelled) it returns itself. When the connection ends for any
// reason, the read loop records _closure (first reason wins) and fails every pending call with a
// ProtocolException; a call that registers concurrently re-checks _closure after registering, so no
// call can be left waiting on a dead connection. The closure also says whether the daemon closed or reset
// the connection (ProtocolException.ConnectionLost), which callers treat as "the daemon went away", not as
// a protocol mismatch: a daemon killed with SIGKILL keeps its listening socket open until its last thread
// has exited, so a client can connect to it and then be reset.

/// <summary>A client for the daemon's IPC server: JSON-RPC 2.0 requests and notifications over a Unix domain socket.</summary>
/// <remarks>Thread-safe. Events are raised on the client's read loop: keep handlers short.</remarks>
public sealed partial class IpcClient : IAsyncDisposable
{
    /// <summary>
    /// Answers can be large (the process list of 1,000 apps is ~250 KB): read them 64 KB at a time,
    /// not in the pipe's default 4 KB, which cost one asynchronous receive per 4 KB.
    /// </summary>
    /// <summary>Variable naming the daemon uid this user chooses to trust besides its own (a shared daemon).</summary>
    public const string TrustDaemonUidVariable = "OD_TRUST_DAEMON_UID";

    /// <summary>Variable holding the token to answer a daemon's challenge with.</summary>
    public const string TokenVariable = "OD_TOKEN";

    private const int ReadBufferSize = 64 * 1024;

    private static readonly ReadOnlyMemory<byte> PingPayload = new[] { FrameCodec.HeartbeatPing };

    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly FrameWriter _output;
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private readonly RequestTimeouts _timeouts;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _closing = new();
    private readonly int _maxFrameSize;
    private readonly Task _readLoop;
    private TaskCompletionSource? _pong;
    private Closure? _closure;
    private string? _lastServerError;
    private long _lastId;
    private int _disposed;

    private IpcClient(string socketPath, Socket socket, int maxFrameSize, TimeProvider timeProvider)
    {
        SocketPath = socketPath;
        _timeProvider = timeProvider;
        _timeouts = new RequestTimeouts(FailExpiredRequests, timeProvider);
        _maxFrameSize = maxFrameSize;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: ReadBufferSize / 4, leaveOpen: true));
        _output = new FrameWriter(
            PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true)),
            _closing.Token,
            error => Abort($"a write to the daemon failed ({error.Message})", connectionLost: error is IOException or SocketException));
        _readLoop = ReadLoopAsync();
    }

    /// <summary>Server-pushed notifications, raised on the read loop in arrival order.</summary>
    public event Action<JsonRpcNotification>? NotificationReceived;

    /// <summary>Server-pushed binary frames (for example log chunks), raised on the read loop in arrival order. Each payload is a fresh copy the handler may keep.</summary>
    public event Action<ReadOnlyMemory<byte>>? BinaryReceived;

    /// <summary>The socket this client is connected to.</summary>
    public string SocketPath { get; }

    /// <summary>Completes (never faults) when the connection has ended, for whatever reason.</summary>
    public Task Completion => _readLoop;

    /// <summary>False once the connection has ended, for whatever reason.</summary>
    public bool IsConnected => Volatile.Read(ref _closure) is null;

    /// <summary>The uid named by <see cref="TrustDaemonUidVariable"/>, or null when unset or not a number.</summary>
    internal static uint? TrustedDaemonUid() =>
        uint.TryParse(Environment.GetEnvironmentVariable(TrustDaemonUidVariable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : null;

    /// <summary>Connects to the server listening at <paramref name="socketPath"/>.</summary>
    /// <exception cref="StaleSocketException">The socket file exists but nothing listens on it.</exception>
    /// <exception cref="ConnectionRefusedException">There is no socket file, or the connection is refused.</exception>
    /// <exception cref="ConnectionTimeoutException">Connecting took longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="UntrustedPeerException">The listener runs as another user than this process; nothing was sent.</exception>
    public static Task<IpcClient> ConnectAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectAsync(socketPath, timeout, tokenSource: null, cancellationToken);

    /// <summary>
    /// Connects; a daemon of another uid is accepted only when <see cref="TrustDaemonUidVariable"/> names it,
    /// and then its auth challenge is answered with <see cref="TokenVariable"/> or else <paramref name="tokenSource"/>.
    /// </summary>
    /// <exception cref="DaemonAuthenticationException">The daemon requires a token and there is none, or it refused it.</exception>
    public static Task<IpcClient> ConnectAsync(string socketPath, TimeSpan timeout, Func<string?>? tokenSource, CancellationToken cancellationToken) =>
        ConnectAsync(socketPath, timeout, PlatformInfo.IsUnix ? PeerCredentials.ExpectedUid() : null, cancellationToken, TrustedDaemonUid(), tokenSource);

    /// <summary>Connects and, when <paramref name="expectedPeerUid"/> is set, refuses a listener running as any other uid than it or <paramref name="trustedPeerUid"/>.</summary>
    internal static async Task<IpcClient> ConnectAsync(string socketPath, TimeSpan timeout, uint? expectedPeerUid, CancellationToken cancellationToken, uint? trustedPeerUid = null, Func<string?>? tokenSource = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        var endPoint = SocketEndPoints.For(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var connected = false;
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                timeoutSource.CancelAfter(timeout);
            }

            await socket.ConnectAsync(endPoint, timeoutSource.Token).ConfigureAwait(false);

            // Before a single byte is sent: a socket another user bound in the daemon's place must
            // not receive our requests (they may carry secrets).
            if (expectedPeerUid is { } expected && PeerCredentials.PeerUid(socket) is { } peer && peer != expected)
            {
                if (peer != trustedPeerUid)
                {
                    throw new UntrustedPeerException(socketPath, peer, expected);
                }

                // A shared daemon this user chose to trust: it challenges us before anything else.
                await AuthHandshake.AnswerChallengeAsync(socket, socketPath, tokenSource, timeoutSource.Token).ConfigureAwait(false);
            }

            connected = true;
            return new IpcClient(socketPath, socket, FrameCodec.DefaultMaxFrameSize, TimeProvider.System);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused && File.Exists(socketPath))
        {
            throw new StaleSocketException(socketPath, error);
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            // AddressNotAvailable is how .NET reports ENOENT: no socket file (or no directory) at that path.
            throw new ConnectionRefusedException(socketPath, error);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new ConnectionRefusedException(socketPath, $"permission denied connecting to {socketPath} (it belongs to another user?)", error);
        }
        catch (SocketException error)
        {
            throw new ConnectionRefusedException(socketPath, $"cannot connect to {socketPath}: {error.Message}", error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionTimeoutException($"connecting to {socketPath} took longer than {timeout}", timeout, error);
        }
        finally
        {
            if (!connected)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Sends a request and waits for its response (which may carry a JSON-RPC error).</summary>
    /// <exception cref="ConnectionTimeoutException">No response within <paramref name="timeout"/>.</exception>
    /// <exception cref="ProtocolException">The connection broke or closed before the response arrived, or the response is not JSON-RPC.</exception>
    public async Task<JsonRpcResponse> RequestAsync(string method, JsonElement? parameters, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var answer = await ExchangeAsync(method, parameters, timeout, cancellationToken).ConfigureAwait(false);
        return JsonRpcReader.ReadResponse(answer.Sequence);
    }

    /// <summary>
    /// Sends a request and waits for its response, whose result is deserialised straight from the answer's
    /// bytes into <typeparamref name="TResult"/> with <paramref name="resultType"/> (AOT-safe; no
    /// <see cref="JsonDocument"/> is built for it).
    /// </summary>
    /// <exception cref="ConnectionTimeoutException">No response within <paramref name="timeout"/>.</exception>
    /// <exception cref="ProtocolException">The connection broke or closed before the response arrived, or the response is not JSON-RPC.</exception>
    /// <exception cref="JsonException">The response is not valid JSON, or its result does not fit <typeparamref name="TResult"/>.</exception>
    public async Task<JsonRpcResponse<TResult>> RequestAsync<TResult>(string method, JsonElement? parameters, JsonTypeInfo<TResult> resultType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        using var answer = await ExchangeAsync(method, parameters, timeout, cancellationToken).ConfigureAwait(false);
        return JsonRpcReader.ReadResponse(answer.Span, resultType);
    }

    /// <summary>Sends a request; returns its answer's payload, which the caller must dispose.</summary>
    private async Task<PooledPayload> ExchangeAsync(string method, JsonElement? parameters, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var id = Interlocked.Increment(ref _lastId);
        var completion = new TaskCompletionSource<PooledPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = timeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : _timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _timeProvider.TimestampFrequency);
        _pending[id] = new PendingRequest(completion, method, timeout, deadline);
        try
        {
            // Registered first, checked second: a close that races with this call either sees the entry
            // (and fails it) or is seen here. The barrier keeps the check from moving before the registration.
            Interlocked.MemoryBarrier();
            ThrowIfClosed();
            if (deadline != long.MaxValue)
            {
                _timeouts.EnsureRunning();
            }

            // Only a cancellable caller's token costs a registration; the usual call has none.
            using var cancellation = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource<PooledPayload>)state!).TrySetCanceled(token), completion)
                : default;
            using (var buffer = new PooledBufferWriter())
            {
                JsonRpcWriter.WriteRequest(buffer, id, method, parameters);
                EnsureFits(buffer.WrittenCount);
                await WriteFrameAsync(FrameType.Request, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }

            return await completion.Task.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a notification (a request that gets no response).</summary>
    /// <exception cref="ProtocolException">The connection is closed.</exception>
    public async Task NotifyAsync(string method, JsonElement? parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ThrowIfClosed();
        using var buffer = new PooledBufferWriter();
        JsonRpcWriter.WriteNotification(buffer, new JsonRpcNotification(method, parameters));
        EnsureFits(buffer.WrittenCount);
        await WriteFrameAsync(FrameType.Notification, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a heartbeat ping and waits for the pong; returns the round-trip time.</summary>
    /// <exception cref="ConnectionTimeoutException">No pong within <paramref name="timeout"/>.</exception>
    /// <exception cref="ProtocolException">The connection is closed.</exception>
    public async Task<TimeSpan> PingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Concurrent pings share one waiter: any pong proves the connection alive for all of them.
        var waiter = Interlocked.CompareExchange(ref _pong, fresh, null) ?? fresh;
        Interlocked.MemoryBarrier();
        ThrowIfClosed();
        var started = Stopwatch.GetTimestamp();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            timeoutSource.CancelAfter(timeout);
        }

        try
        {
            await WriteFrameAsync(FrameType.Heartbeat, PingPayload, timeoutSource.Token).ConfigureAwait(false);
            await waiter.Task.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionTimeoutException($"the daemon did not answer a ping within {timeout}", timeout, error);
        }
    }

    /// <summary>Closes the connection; pending requests fail with <see cref="ProtocolException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Abort("the client was disposed", connectionLost: false);
        _timeouts.Dispose();
        await _readLoop.ConfigureAwait(false);
        await _output.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Fails the requests past their deadline; true while any request is pending.</summary>
    private bool FailExpiredRequests()
    {
        var now = _timeProvider.GetTimestamp();
        var anyPending = false;
        foreach (var (_, pending) in _pending)
        {
            anyPending = true;
            if (pending.Deadline <= now)
            {
                pending.Completion.TrySetException(new ConnectionTimeoutException(
                    $"the daemon did not answer '{pending.Method}' within {pending.Timeout}", pending.Timeout));
            }
        }

        return anyPending;
    }

    private void Abort(string reason, bool connectionLost)
    {
        Interlocked.CompareExchange(ref _closure, new Closure(reason, connectionLost), null);
        _closing.Cancel();
    }

    // A write the connection's end overtook (the read loop recorded why, then cancelled the writer's
    // lifetime under the flush) fails with that reason — whether the daemon went away — not the writer's own.
    private async ValueTask WriteFrameAsync(FrameType type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await _output.WriteAsync(type, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException) when (Volatile.Read(ref _closure) is not null)
        {
            ThrowIfClosed();
            throw;
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closure) is { } closure)
        {
            throw new ProtocolException(closure.Reason, null, closure.ConnectionLost);
        }
    }

    /// <summary>Why the connection ended, and whether the daemon's side closed or reset it.</summary>
    private sealed record Closure(string Reason, bool ConnectionLost);

    private void EnsureFits(int payloadLength)
    {
        if (payloadLength > _maxFrameSize)
        {
            throw new ArgumentException($"a {payloadLength}-byte message exceeds the {_maxFrameSize}-byte frame limit");
        }
    }
}
