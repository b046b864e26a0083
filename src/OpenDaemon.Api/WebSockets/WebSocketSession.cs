using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenDaemon.Api.Http;
using OpenDaemon.Contracts;
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
/// <c>{"unsubscribe": [...]}</c> and calls <c>event.subscribe</c> and <c>log.stream</c> through the same RPC
/// handler as the Unix socket, with this session as the peer. The daemon pushes back through
/// <see cref="SendNotificationAsync"/> and <see cref="SendBinaryAsync"/>, which turn each event or log line
/// into a text message and put it on the outgoing queue without ever waiting; the writer loop sends the
/// queue. The queue is bounded by bytes (<see cref="MaxQueuedBytes"/>): past it the client reads too slowly,
/// queueing stops, the writer sends what is queued, then closes with 1008 and the reason — the daemon never
/// waits on a client, and a client never holds more than that much of the daemon's memory. A message that is not
/// a valid request gets an error message and the connection lives. Everything the session subscribed ends
/// with it: the daemon's pumps watch <see cref="Closed"/>.
/// State touched by both sides (the stream → topic map) is behind <c>_gate</c>; the subscription state is
/// the reader's alone.
/// </remarks>
internal sealed partial class WebSocketSession : IIpcPeer, IAsyncDisposable
{
    /// <summary>Bytes of messages a client may lag behind before it is dropped (bounds each client's memory).</summary>
    public const int MaxQueuedBytes = 2 * 1024 * 1024;

    private const int MaxRequestBytes = 64 * 1024;
    private const string LogPrefix = "log:";
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonElement RequestId = JsonDocument.Parse("1").RootElement.Clone();

    private readonly WebSocket _socket;
    private readonly IJsonRpcHandler _rpc;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed;
    // Unbounded as a channel, bounded by _queuedBytes: a batch is a whole log frame, so a count would bound nothing.
    private readonly Channel<byte[][]> _outgoing = Channel.CreateUnbounded<byte[][]>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedBytes;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, string> _streamTopics = [];
    private readonly SortedSet<string> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _logStreams = new(StringComparer.Ordinal);
    private int? _eventSubscription;
    private string? _closeReason;

    public WebSocketSession(WebSocket socket, IJsonRpcHandler rpc, CallerIdentity caller, ILogger logger, CancellationToken aborted)
    {
        _socket = socket;
        _rpc = rpc;
        _logger = logger;
        Caller = caller;
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
            _outgoing.Writer.TryComplete();
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
            Enqueue([WebSocketMessages.Event(topic, at, data)]);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A log frame of <c>log.stream</c>: 4-byte stream id, then JSON lines — one message per line.</summary>
    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        string? topic;
        lock (_gate)
        {
            topic = payload.Length >= 4 && _streamTopics.TryGetValue(BinaryPrimitives.ReadInt32BigEndian(payload.Span), out var known) ? known : null;
        }

        if (topic is null)
        {
            return ValueTask.CompletedTask;
        }

        var messages = new List<byte[]>();
        var rest = payload.Span[4..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (!line.IsEmpty)
            {
                messages.Add(WebSocketMessages.LogEvent(topic == LogPrefix + "*" ? LogPrefix + ProcessNameOf(line) : topic, line));
            }
        }

        Enqueue([.. messages]);
        return ValueTask.CompletedTask;
    }

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
                Enqueue([WebSocketMessages.Error(ErrorCode.InvalidParams, tooLarge ? $"a request may have at most {MaxRequestBytes / 1024} KiB" : "requests are JSON text messages", Example)]);
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
                Enqueue([WebSocketMessages.Topics("subscribed", _topics)]);
            }
            else
            {
                await UnsubscribeAsync(topics).ConfigureAwait(false);
                Enqueue([WebSocketMessages.Topics("unsubscribed", topics)]);
            }
        }
        catch (DaemonException error)
        {
            Enqueue([WebSocketMessages.Error(error.Code, error.Message, error.Hint)]);
        }
    }

    private async Task SubscribeAsync(IReadOnlyList<string> topics)
    {
        var fresh = topics.Where(topic => !_topics.Contains(topic)).ToList();
        foreach (var topic in fresh.Where(IsLogTopic))
        {
            var target = topic[LogPrefix.Length..] is "*" ? "all" : topic[LogPrefix.Length..];
            var started = await CallAsync(RpcMethods.LogStream, JsonParams.Object(w => JsonParams.Targets(w, target))).ConfigureAwait(false);
            var streamId = started.GetProperty("streamId").GetInt32();
            lock (_gate)
            {
                _streamTopics[streamId] = topic;
            }

            _logStreams[topic] = streamId;
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
        foreach (var topic in topics.Where(t => _logStreams.ContainsKey(t)))
        {
            var streamId = _logStreams[topic];
            _logStreams.Remove(topic);
            lock (_gate)
            {
                _streamTopics.Remove(streamId);
            }

            await CallAsync(RpcMethods.LogUnstream, JsonParams.Object(w => w.WriteNumber("streamId", streamId))).ConfigureAwait(false);
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

    private async Task<JsonElement> CallAsync(string method, JsonElement parameters)
    {
        var response = await _rpc.HandleAsync(new JsonRpcRequest(RequestId, method, parameters), this, _closed.Token).ConfigureAwait(false);
        return response.Error is { } error
            ? throw (error.Data?.Deserialize(ContractsJsonContext.Default.ErrorInfo) ?? new ErrorInfo(ErrorCode.UnknownError, error.Message)).ToException()
            : response.Result ?? default;
    }

    private void Enqueue(byte[][] batch)
    {
        long bytes = 0;
        foreach (var message in batch)
        {
            bytes += message.Length;
        }

        if (batch.Length == 0 || Volatile.Read(ref _closeReason) is not null)
        {
            return;
        }

        if (Interlocked.Add(ref _queuedBytes, bytes) > MaxQueuedBytes)
        {
            if (Interlocked.CompareExchange(ref _closeReason, SlowClientReason, null) is null)
            {
                _outgoing.Writer.TryComplete();
                LogSlowClient(_logger, ConnectionId, Caller.RemoteAddress);
            }

            return;
        }

        _outgoing.Writer.TryWrite(batch);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var batch in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                foreach (var message in batch)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
                    timeout.CancelAfter(SendTimeout);
                    await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
                    Interlocked.Add(ref _queuedBytes, -message.Length);
                }
            }

            if (Volatile.Read(ref _closeReason) is { } reason && _socket.State == WebSocketState.Open)
            {
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

    private static string ProcessNameOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("processName"u8) && reader.Read())
            {
                return reader.GetString() ?? "?";
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
            {
                reader.Skip();
            }
        }

        return "?";
    }

    private const string Example = "for example {\"subscribe\": [\"process:*\", \"log:api\", \"metric:snapshot\"]}";

    private static readonly string SlowClientReason = $"slow consumer: fell {MaxQueuedBytes / (1024 * 1024)} MiB of messages behind";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "WebSocket client {ConnectionId} ({Address}) read too slowly and was dropped")]
    private static partial void LogSlowClient(ILogger logger, long connectionId, string? address);
}
