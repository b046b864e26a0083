using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

// Overview: one IpcConnection per accepted socket. RunAsync is its read loop: it slices frames off a
// PipeReader and starts the handler of each request without waiting for it (inline up to the handler's
// first await: no hop to another thread for answers that are ready at once), so a slow request never
// blocks the next one on the same connection; responses leave through the FrameWriter in completion order and the
// client matches them by id. A semaphore caps the requests in flight: when it is full the loop stops
// reading, which pushes back on the client through the socket buffer instead of queueing without bound.
//
// Closing happens in one place, CloseAsync at the end of RunAsync, whatever the cause (peer EOF, protocol
// violation, idle timeout, server shutdown, broken write; the last three come from other threads through
// Abort, which only cancels _closing). Two tokens, two phases:
//   1. _closing: the read loop stops and the handlers' token is cancelled. Handlers that already have an
//      answer may still send it (a daemon.shutdown reply races with the shutdown it triggers), so we wait
//      for them to drain, but only for a short grace period: a peer that stopped reading must not hold
//      the socket open.
//   2. _teardown: the FrameWriter's lifetime. Cancelling it unblocks a write stuck on such a peer; then
//      the socket is closed (the peer sees EOF) and the connection is reported gone.
// Completion still waits for every handler to return, so the server can await a quiet connection.
// _pending counts the read loop plus each running handler; whoever brings it to zero completes _drained.
//
// Memory: after each read, the bytes left past the last complete frame (the frame still arriving) are
// charged to the server's FrameBudget by the read loop alone (_frameCharge is its own); a frame that
// would pass the budget closes this connection with an error, and CloseAsync drops the charge after the
// pipe gave its segments back.
internal sealed partial class IpcConnection : IIpcPeer
{
    private static readonly ReadOnlyMemory<byte> PongPayload = new[] { FrameCodec.HeartbeatPong };
    private static readonly TimeSpan DrainGracePeriod = TimeSpan.FromSeconds(2);

    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly FrameWriter _output;
    private readonly IJsonRpcHandler _handler;
    private readonly IpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly Action<IpcConnection> _onClosed;
    private readonly Action<IpcConnection> _onCompleted;
    private readonly Action _onSpikeReleased;
    private readonly FrameBudget _frameBudget;
    private readonly SocketPolicy _policy;
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenSource _teardown = new();
    private readonly SemaphoreSlim _requestSlots;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = 1;
    private long _lastActivity;
    private string? _abortReason;
    private long _frameCharge;
    private readonly string? _challenge;
    private bool _awaitingToken;

    public IpcConnection(
        long connectionId,
        Socket socket,
        IJsonRpcHandler handler,
        IpcServerOptions options,
        ILogger logger,
        FrameBudget frameBudget,
        SocketPolicy policy,
        Action<IpcConnection> onClosed,
        Action<IpcConnection> onCompleted,
        Action onSpikeReleased)
    {
        ConnectionId = connectionId;
        _handler = handler;
        _options = options;
        _logger = logger;
        _onClosed = onClosed;
        _onCompleted = onCompleted;
        _onSpikeReleased = onSpikeReleased;
        _frameBudget = frameBudget;
        _policy = policy;
        _requestSlots = new SemaphoreSlim(options.MaxConcurrentRequestsPerConnection, options.MaxConcurrentRequestsPerConnection);
        Caller = IdentifyPeer(socket);
        _challenge = policy.ChallengeFor(Caller);
        _awaitingToken = _challenge == SocketPolicy.TokenMethod;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = new FrameWriter(
            PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true)),
            _teardown.Token,
            error => Abort($"a write failed ({error.Message})"));
        _lastActivity = options.TimeProvider.GetTimestamp();
    }

    public long ConnectionId { get; }

    /// <inheritdoc />
    public CallerIdentity Caller { get; }

    /// <inheritdoc />
    public CancellationToken Closed => _closing.Token;

    /// <summary>Completes when the socket is closed and every handler of this connection has returned. Never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = RunAsync();

    /// <summary>Closes the connection from outside its read loop. Safe to call any number of times, from any thread.</summary>
    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        CancelClosing();
    }

    /// <summary>True when nothing arrived for <paramref name="idleTimeout"/> and no request is running.</summary>
    public bool IsIdle(TimeSpan idleTimeout) =>
        Volatile.Read(ref _pending) == 1
        && _options.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity)) >= idleTimeout;

    /// <inheritdoc />
    public async ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var buffer = new PooledBufferWriter();
        JsonRpcWriter.WriteNotification(buffer, notification);
        EnsureFits(buffer.WrittenCount);
        await _output.WriteAsync(FrameType.Notification, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        EnsureFits(payload.Length);
        return _output.WriteAsync(FrameType.Binary, payload, cancellationToken);
    }

    private static CallerIdentity IdentifyPeer(Socket socket)
    {
        try
        {
            return PeerCredentials.LinuxPeer(socket) is (int pid, uint uid)
                ? new CallerIdentity(CallerIdentity.Cli) { Pid = pid, Uid = uid }
                : PeerCredentials.PeerUid(socket) is uint peerUid
                    ? new CallerIdentity(CallerIdentity.Cli) { Uid = peerUid }
                    : CallerIdentity.Unknown;
        }
        catch (SocketException)
        {
            return CallerIdentity.Unknown; // the peer already left; its requests will find a closed socket
        }
    }

    private async Task RunAsync()
    {
        IpcLog.ConnectionAccepted(_logger, ConnectionId);
        string reason;
        try
        {
            await ReadLoopAsync(_closing.Token).ConfigureAwait(false);
            reason = "the peer closed the connection";
        }
        catch (ProtocolException error)
        {
            reason = error.Details;
            IpcLog.ProtocolViolation(_logger, ConnectionId, error.Details);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            reason = "closed by the server";
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            reason = error.Message;
        }
        catch (Exception error)
        {
            // A bug here must cost this connection only, never the accept loop or the other clients.
            reason = "internal error";
            IpcLog.ConnectionFailed(_logger, ConnectionId, error);
        }

        await CloseAsync(Volatile.Read(ref _abortReason) ?? reason).ConfigureAwait(false);
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        if (_challenge is { } method)
        {
            // First on the wire, before anything the peer sends is read: see SocketPolicy.
            await PeerWriteAsync(_output.WriteAsync(FrameType.AuthChallenge, SocketPolicy.ChallengePayload(method), cancellationToken)).ConfigureAwait(false);
        }

        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (FrameCodec.TryReadFrame(ref buffer, _options.MaxFrameSize, out var type, out var payload))
                {
                    Volatile.Write(ref _lastActivity, _options.TimeProvider.GetTimestamp());
                    await OnFrameAsync(type, payload, cancellationToken).ConfigureAwait(false);
                }

                await ChargeUnfinishedFrameAsync(buffer.Length, cancellationToken).ConfigureAwait(false);
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new ProtocolException($"the peer disconnected in the middle of a frame ({buffer.Length} bytes unread)");
                    }

                    return;
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private async ValueTask ChargeUnfinishedFrameAsync(long bytes, CancellationToken cancellationToken)
    {
        if (_frameBudget.TryCharge(ref _frameCharge, bytes, out var releasedAfterSpike))
        {
            if (releasedAfterSpike)
            {
                _onSpikeReleased();
            }

            return;
        }

        IpcLog.FrameBudgetExceeded(_logger, _frameBudget.Limit);
        var message = $"the daemon is receiving too many large frames at once (over {_frameBudget.Limit} bytes); send smaller requests or retry later";
        await PeerWriteAsync(SendResponseAsync(
            JsonRpcResponse.Failure(null, new JsonRpcError(JsonRpcError.ServerError, message)), "(frame budget)", cancellationToken)).ConfigureAwait(false);
        throw new ProtocolException(message);
    }

    private void ReleaseFrameCharge()
    {
        _frameBudget.TryCharge(ref _frameCharge, 0, out var releasedAfterSpike);
        if (releasedAfterSpike)
        {
            _onSpikeReleased();
        }
    }

    private async ValueTask OnFrameAsync(FrameType type, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case FrameType.Request or FrameType.Notification:
                if (!JsonRpcReader.TryReadRequest(payload, out var request, out var errorResponse))
                {
                    // Answer before closing, so the client learns why instead of seeing a bare EOF.
                    await PeerWriteAsync(SendResponseAsync(errorResponse, "(unreadable request)", cancellationToken)).ConfigureAwait(false);
                    throw new ProtocolException(errorResponse.Error!.Message);
                }

                if (_awaitingToken)
                {
                    await RefuseAsync(request.Id, _policy.NotAuthenticated(Caller, ConnectionId), cancellationToken).ConfigureAwait(false);
                }

                if (_policy.Admit(Caller, ConnectionId, request.Method) is { } limited)
                {
                    // The connection lives: the client retries after the wait the error names.
                    if (type == FrameType.Request && request.Id is not null)
                    {
                        await PeerWriteAsync(SendResponseAsync(JsonRpcResponse.Failure(request.Id, limited), request.Method, cancellationToken)).ConfigureAwait(false);
                    }

                    break;
                }

                await DispatchAsync(type == FrameType.Notification ? request with { Id = null } : request, cancellationToken).ConfigureAwait(false);
                break;

            case FrameType.Heartbeat:
                if (payload.Length != 1)
                {
                    throw new ProtocolException($"a heartbeat frame must carry 1 byte, not {payload.Length}");
                }

                if (payload.FirstSpan[0] == FrameCodec.HeartbeatPing)
                {
                    await PeerWriteAsync(_output.WriteAsync(FrameType.Heartbeat, PongPayload, cancellationToken)).ConfigureAwait(false);
                }

                break;

            case FrameType.AuthResponse when _awaitingToken:
                if (_policy.Authenticate(Caller, ConnectionId, payload) is { } refused)
                {
                    await RefuseAsync(null, refused, cancellationToken).ConfigureAwait(false);
                }

                _awaitingToken = false;
                await PeerWriteAsync(_output.WriteAsync(FrameType.Response, SocketPolicy.AcceptedPayload(), cancellationToken)).ConfigureAwait(false);
                break;

            case FrameType.Response or FrameType.AuthResponse:
                // Only the server answers, and auth responses only answer a token challenge: a client that sends
                // these otherwise is confused or hostile. Say so, then close, rather than leave it waiting.
                var unexpected = $"a client must not send {(type == FrameType.Response ? "response" : "auth-response")} frames";
                await PeerWriteAsync(SendResponseAsync(
                    JsonRpcResponse.Failure(null, new JsonRpcError(JsonRpcError.InvalidRequest, unexpected)), "(unexpected frame)", cancellationToken)).ConfigureAwait(false);
                throw new ProtocolException(unexpected);

            default:
                // Binary and challenge frames from a client mean nothing to this server yet; tolerating them
                // keeps older servers compatible with newer clients.
                IpcLog.UnexpectedFrame(_logger, ConnectionId, type);
                break;
        }
    }

    /// <summary>Answers with <paramref name="error"/>, then closes the connection (throws <see cref="ProtocolException"/>).</summary>
    private async ValueTask RefuseAsync(System.Text.Json.JsonElement? id, JsonRpcError error, CancellationToken cancellationToken)
    {
        await PeerWriteAsync(SendResponseAsync(JsonRpcResponse.Failure(id, error), "(authentication)", cancellationToken)).ConfigureAwait(false);
        throw new ProtocolException(error.Message);
    }

    /// <summary>A write from the read loop that fails means the peer left, which is not a protocol violation.</summary>
    private static async ValueTask PeerWriteAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (ProtocolException error)
        {
            throw new IOException(error.Details, error);
        }
    }

    private void EnsureFits(int payloadLength)
    {
        if (payloadLength > _options.MaxFrameSize)
        {
            throw new ArgumentException($"a {payloadLength}-byte frame exceeds the {_options.MaxFrameSize}-byte frame limit");
        }
    }

    private void CancelClosing()
    {
        try
        {
            _closing.Cancel();
        }
        catch (AggregateException error)
        {
            // A handler's cancellation callback threw; the connection closes all the same.
            IpcLog.ConnectionFailed(_logger, ConnectionId, error);
        }
    }

    private async Task CloseAsync(string reason)
    {
        CancelClosing();
        await _input.CompleteAsync().ConfigureAwait(false);
        ReleaseFrameCharge();
        ReleasePending();
        try
        {
            // Real time on purpose: this is a safety valve against a stuck peer, and a fake clock in a test
            // would turn it into a hang.
            await _drained.Task.WaitAsync(DrainGracePeriod).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A handler ignores cancellation or a peer does not read: close anyway.
        }

        await _teardown.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        IpcLog.ConnectionClosed(_logger, ConnectionId, reason);
        _onClosed(this);

        // After the socket is gone, so completing the writer cannot block on flushing leftovers.
        await _output.CompleteAsync().ConfigureAwait(false);
        await _drained.Task.ConfigureAwait(false);
        _onCompleted(this);
    }

    private void ReleasePending()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
