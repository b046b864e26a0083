using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Api.Http;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.WebSockets.Logs;

/// <summary>
/// The one log follow of all WebSocket clients: a single <c>log.stream</c> of every app, whose lines are turned into
/// WebSocket messages once and handed, as the same arrays, to every client whose <c>log:</c> topic matches.
/// </summary>
/// <remarks>
/// Overview: the log manager serialises each captured line once for this follow (its pump calls
/// <see cref="SendBinaryAsync"/> with frames of JSON lines, one call at a time); here each frame is split into runs of
/// one app instance (<see cref="LogRun"/>), each run becomes one message per event name on first use, and each
/// subscription gets it through <see cref="OutgoingQueue.OfferLog"/>, which never waits. The cost per line is the
/// same for 1 client or 100; per client it is one queue offer per run of lines, and nothing is allocated per client.
/// <para>The follow exists only while some client follows logs: the first <see cref="AddAsync"/> starts it, the
/// last <see cref="RemoveAsync"/> ends it (so that nobody following costs capture nothing). Both run under
/// <c>_follow</c>, one at a time. The subscription list is an immutable array swapped under <c>_gate</c> and read
/// without a lock by the pump. Frames of an older stream (its pump drains after <c>log.unstream</c>) are ignored.</para>
/// </remarks>
internal sealed partial class LogFanout : IIpcPeer, IAsyncDisposable
{
    private static readonly JsonElement RequestId = JsonDocument.Parse("1").RootElement.Clone();

    private readonly IJsonRpcHandler _rpc;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed = new();
    private readonly SemaphoreSlim _follow = new(1, 1);
    private readonly Lock _gate = new();
    private LogSubscription[] _subscriptions = [];
    private int _streamId; // 0: no follow (stream ids count from 1)

    public LogFanout(IJsonRpcHandler rpc, ILogger logger)
    {
        _rpc = rpc;
        _logger = logger;
    }

    public long ConnectionId { get; } = HttpPeer.NextId();

    public CallerIdentity Caller { get; } = new(CallerIdentity.Api);

    public CancellationToken Closed => _closed.Token;

    /// <summary>Subscriptions now (for tests).</summary>
    public int Count => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Starts delivering to <paramref name="subscription"/>; starts the follow first when it is the first.</summary>
    public async Task AddAsync(LogSubscription subscription, CancellationToken cancellationToken)
    {
        await _follow.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _streamId) == 0)
            {
                var started = await CallAsync(RpcMethods.LogStream, JsonParams.Object(w => JsonParams.Targets(w, "all")), cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _streamId, started.GetProperty("streamId").GetInt32());
            }

            lock (_gate)
            {
                _subscriptions = [.. _subscriptions, subscription];
            }
        }
        finally
        {
            _follow.Release();
        }
    }

    /// <summary>Stops delivering to <paramref name="subscription"/>; ends the follow when it was the last.</summary>
    public async Task RemoveAsync(LogSubscription subscription)
    {
        await _follow.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            bool last;
            lock (_gate)
            {
                _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
                last = _subscriptions.Length == 0;
            }

            if (last && Interlocked.Exchange(ref _streamId, 0) is var streamId and > 0 && !_closed.IsCancellationRequested)
            {
                await CallAsync(RpcMethods.LogUnstream, JsonParams.Object(w => w.WriteNumber("streamId", streamId)), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is DaemonException or OperationCanceledException)
        {
            // The log manager is gone or stopping: the stream ends with it.
        }
        finally
        {
            _follow.Release();
        }
    }

    /// <summary>A frame of the follow: 4-byte stream id, then JSON lines. Never waits, never throws.</summary>
    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        if (payload.Length < 4 || subscriptions.Length == 0 || BinaryPrimitives.ReadInt32BigEndian(payload.Span) != Volatile.Read(ref _streamId))
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            Deliver(payload.Span[4..], subscriptions);
        }
        catch (Exception error)
        {
            // A bug here must not end the follow of every client: this frame is lost, the next one is delivered.
            LogDeliveryFailed(_logger, error);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Ends the follow: the log manager's pump watches <see cref="Closed"/>. The token source and the semaphore are
    /// left to the GC (neither holds a timer or a wait handle), so that a session still ending meanwhile can remove
    /// its subscription without meeting a disposed object.
    /// </summary>
    public async ValueTask DisposeAsync() => await _closed.CancelAsync().ConfigureAwait(false);

    private static void Deliver(ReadOnlySpan<byte> frame, LogSubscription[] subscriptions)
    {
        var lines = new List<Range>();
        foreach (var run in LogRun.Split(frame, lines))
        {
            foreach (var subscription in subscriptions)
            {
                if (subscription.Selection.Matches(run.App, run.Instance))
                {
                    subscription.Queue.OfferLog(run.MessageFor(subscription.EventFor(run), frame, lines), run.App, run.Count);
                }
            }
        }
    }

    private async Task<JsonElement> CallAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        return await RpcCall.InvokeAsync(_rpc, this, new JsonRpcRequest(RequestId, method, parameters), linked.Token).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Delivering log lines to WebSocket clients failed; the lines of one frame were not sent")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception error);
}
