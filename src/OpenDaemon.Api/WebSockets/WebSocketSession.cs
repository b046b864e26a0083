using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Api.Http;
using OpenDaemon.Api.WebSockets.Logs;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.WebSockets;

/// <summary>
/// One WebSocket client of <c>/ws</c> (spec §8.2).
/// </summary>
/// <remarks>
/// Overview: two loops. The reader (<see cref="RunAsync"/>) takes <c>{"subscribe": [...]}</c> and
/// <c>{"unsubscribe": [...]}</c>: event topics become one <c>event.subscribe</c> through the same RPC handler as the
/// Unix socket, with this session as the peer, whose events come back through <see cref="SendNotificationAsync"/>;
/// <c>log:</c> topics become subscriptions of the daemon's one shared <see cref="LogFanout"/>, which puts log
/// messages built once for all clients on this session's queue. Nothing that pushes ever waits: everything goes on
/// the <see cref="OutgoingQueue"/>, bounded by bytes, which skips log lines (with a <c>logs:skipped</c> notice
/// afterwards) for a client that reads too slowly and drops a client that stays behind. The writer loop sends
/// the queue; once the queue has dropped the client it sends what is left and closes with 1008 and the reason,
/// so a client never holds more than that much of the daemon's memory. A message that is not a valid request
/// gets an error message and the connection lives. Everything the session subscribed ends with it: the event
/// pump watches <see cref="Closed"/>, the log subscriptions are removed when <see cref="RunAsync"/> ends.
/// The subscription state is the reader's alone.
/// </remarks>
internal sealed partial class WebSocketSession : IIpcPeer, IAsyncDisposable
{
    /// <summary>Bytes of messages a client may lag behind before it is dropped (bounds each client's memory).</summary>
    public const int MaxQueuedBytes = OutgoingQueue.DefaultMaxBytes;

    private const int MaxRequestBytes = 64 * 1024;
    private const string LogPrefix = "log:";
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonElement RequestId = JsonDocument.Parse("1").RootElement.Clone();

    private readonly WebSocket _socket;
    private readonly IJsonRpcHandler _rpc;
    private readonly LogFanout _logs;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed;
    private readonly OutgoingQueue _outgoing;

    private readonly SortedSet<string> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogSubscription> _logSubscriptions = new(StringComparer.Ordinal);
    private int? _eventSubscription;

    public WebSocketSession(WebSocket socket, IJsonRpcHandler rpc, LogFanout logs, CallerIdentity caller, TimeProvider time, ILogger logger, CancellationToken aborted)
    {
        _socket = socket;
        _rpc = rpc;
        _logs = logs;
        _logger = logger;
        Caller = caller;
        _outgoing = new OutgoingQueue(time);
        _closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
    }

    public long ConnectionId { get; } = HttpPeer.NextId();

    public CallerIdentity Caller { get; }

    public CancellationToken Closed => _closed.Token;

    /// <summary>Runs the session until the client leaves or is dropped; never throws for a client's fault.</summary>
    public async Task RunAsync()
    {
        var writer = WriteLoopAsync();
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            await _closed.CancelAsync().ConfigureAwait(false);
            foreach (var subscription in _logSubscriptions.Values)
            {
                await _logs.RemoveAsync(subscription).ConfigureAwait(false);
            }

            _outgoing.Complete();
            await writer.ConfigureAwait(false);
        }
    }

    public ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Method == EventNotification.Method && notification.Params is { } received)
        {
            var topic = received.GetProperty("event").GetString() ?? string.Empty;
            var at = received.TryGetProperty("timestamp", out var timestamp) ? timestamp.GetDateTimeOffset() : (DateTimeOffset?)null;
            var data = received.TryGetProperty("data", out var payload) ? Encoding.UTF8.GetBytes(payload.GetRawText()) : "null"u8.ToArray();
            _outgoing.Enqueue(WebSocketMessages.Event(topic, at, data));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Log lines come through the shared <see cref="LogFanout"/>, never as frames of this session's own.</summary>
    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync().ConfigureAwait(false);
        _closed.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[MaxRequestBytes];
        while (_socket.State == WebSocketState.Open)
        {
            int length = 0;
            bool tooLarge = false;
            ValueWebSocketReceiveResult received;
            do
            {
                // Past the limit the rest of the message is read and discarded.
                var space = length < buffer.Length ? buffer.AsMemory(length) : buffer.AsMemory();
                received = await _socket.ReceiveAsync(space, _closed.Token).ConfigureAwait(false);
                if (length < buffer.Length)
                {
                    length += received.Count;
                }
                else
                {
                    tooLarge = true;
                }
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _closed.Token).ConfigureAwait(false);
                return;
            }

            if (tooLarge || received.MessageType == WebSocketMessageType.Binary)
            {
                _outgoing.Enqueue(WebSocketMessages.Error(ErrorCode.InvalidParams, tooLarge ? $"a request may have at most {MaxRequestBytes / 1024} KiB" : "requests are JSON text messages", Example));
                continue;
            }

            await HandleRequestAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
        }
    }

    private async Task HandleRequestAsync(ReadOnlyMemory<byte> text)
    {
        try
        {
            var (subscribe, topics) = ParseRequest(text);
            if (subscribe)
            {
                await SubscribeAsync(topics).ConfigureAwait(false);
                _outgoing.Enqueue(WebSocketMessages.Topics("subscribed", _topics));
            }
            else
            {
                await UnsubscribeAsync(topics).ConfigureAwait(false);
                _outgoing.Enqueue(WebSocketMessages.Topics("unsubscribed", topics));
            }
        }
        catch (DaemonException error)
        {
            _outgoing.Enqueue(WebSocketMessages.Error(error.Code, error.Message, error.Hint));
        }
    }

    private async Task SubscribeAsync(IReadOnlyList<string> topics)
    {
        var fresh = topics.Where(topic => !_topics.Contains(topic)).ToList();
        foreach (var topic in fresh.Where(IsLogTopic))
        {
            var selection = await LogSelections.ResolveAsync(topic[LogPrefix.Length..], CallAsync).ConfigureAwait(false);
            var subscription = new LogSubscription(topic, selection, _outgoing);
            await _logs.AddAsync(subscription, _closed.Token).ConfigureAwait(false);
            _logSubscriptions[topic] = subscription;
            _topics.Add(topic);
        }

        if (fresh.Any(topic => !IsLogTopic(topic)))
        {
            await SubscribeEventsAsync([.. _topics.Where(t => !IsLogTopic(t)), .. fresh.Where(t => !IsLogTopic(t))]).ConfigureAwait(false);
            _topics.UnionWith(fresh);
        }
    }

    private async Task UnsubscribeAsync(IReadOnlyList<string> topics)
    {
        foreach (var topic in topics)
        {
            if (_logSubscriptions.Remove(topic, out var subscription))
            {
                await _logs.RemoveAsync(subscription).ConfigureAwait(false);
            }
        }

        var eventsBefore = _topics.Count(t => !IsLogTopic(t));
        _topics.ExceptWith(topics);
        if (_topics.Count(t => !IsLogTopic(t)) != eventsBefore)
        {
            await SubscribeEventsAsync([.. _topics.Where(t => !IsLogTopic(t))]).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the one event subscription by one for <paramref name="topics"/> (none when empty).</summary>
    private async Task SubscribeEventsAsync(IReadOnlyList<string> topics)
    {
        if (topics.Count > 0)
        {
            var parameters = JsonParams.Object(w =>
            {
                w.WriteStartArray("topics");
                foreach (var topic in topics)
                {
                    w.WriteStringValue(topic);
                }

                w.WriteEndArray();
            });
            var subscribed = await CallAsync(RpcMethods.EventSubscribe, parameters).ConfigureAwait(false);
            await EndEventSubscriptionAsync().ConfigureAwait(false);
            _eventSubscription = subscribed.GetProperty("subscriptionId").GetInt32();
        }
        else
        {
            await EndEventSubscriptionAsync().ConfigureAwait(false);
        }
    }

    private async Task EndEventSubscriptionAsync()
    {
        if (_eventSubscription is { } id)
        {
            _eventSubscription = null;
            await CallAsync(RpcMethods.EventUnsubscribe, JsonParams.Object(w => w.WriteNumber("subscriptionId", id))).ConfigureAwait(false);
        }
    }

    private Task<JsonElement> CallAsync(string method, JsonElement parameters) =>
        RpcCall.InvokeAsync(_rpc, this, new JsonRpcRequest(RequestId, method, parameters), _closed.Token);

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
                timeout.CancelAfter(SendTimeout);
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
                _outgoing.Sent(message.Length);
            }

            if (_outgoing.CloseReason is { } reason && _socket.State == WebSocketState.Open)
            {
                LogSlowClient(_logger, ConnectionId, Caller.RemoteAddress, reason);
                using var timeout = new CancellationTokenSource(SendTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, timeout.Token).ConfigureAwait(false);
                await _closed.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away, or stopped reading for SendTimeout: the socket is aborted.
            await _closed.CancelAsync().ConfigureAwait(false);
        }
    }

    private static (bool Subscribe, IReadOnlyList<string> Topics) ParseRequest(ReadOnlyMemory<byte> text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var (key, subscribe) in new[] { ("subscribe", true), ("unsubscribe", false) })
                {
                    if (root.TryGetProperty(key, out var list)
                        && list.ValueKind == JsonValueKind.Array
                        && list.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0))
                    {
                        return (subscribe, [.. list.EnumerateArray().Select(t => t.GetString()!)]);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Answered below like any other malformed request.
        }

        throw new DaemonException(ErrorCode.InvalidParams, "a request is {\"subscribe\": [topics]} or {\"unsubscribe\": [topics]}", Example);
    }

    private static bool IsLogTopic(string topic) => topic.StartsWith(LogPrefix, StringComparison.Ordinal);

    private const string Example = "for example {\"subscribe\": [\"process:*\", \"log:api\", \"metric:snapshot\"]}";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "WebSocket client {ConnectionId} ({Address}) read too slowly and was dropped: {Reason}")]
    private static partial void LogSlowClient(ILogger logger, long connectionId, string? address, string reason);
}
