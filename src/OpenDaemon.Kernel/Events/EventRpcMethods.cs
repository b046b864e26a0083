using System.Collections.Concurrent;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Rpc;

namespace OpenDaemon.Kernel.Events;

/// <summary>
/// <c>event.subscribe</c> and <c>event.unsubscribe</c>: the event bus, pushed to clients. Subscriptions belong
/// to their connection and end with it. Logs are not on the bus (they would cost every captured line a
/// serialisation): they are followed with <c>log.stream</c>.
/// </summary>
public sealed class EventRpcMethods
{
    /// <summary>Subscriptions one connection may hold at once.</summary>
    public const int MaxSubscriptionsPerConnection = 64;

    private readonly IEventBus _bus;
    private readonly ConcurrentDictionary<(long Connection, int Id), PeerEventSubscription> _open = new();
    private int _lastId;

    private EventRpcMethods(IEventBus bus) => _bus = bus;

    /// <summary>Registers both methods on <paramref name="methods"/>.</summary>
    public static void Register(RpcMethodRegistry methods, IEventBus bus)
    {
        var events = new EventRpcMethods(bus);
        methods.Register(RpcMethods.EventSubscribe, (call, _) => ValueTask.FromResult(events.Subscribe(call)), () => ContractsJsonContext.Default.EventSubscription);
        methods.Register(RpcMethods.EventUnsubscribe, (call, _) => ValueTask.FromResult(events.Unsubscribe(call)), () => ContractsJsonContext.Default.EventUnsubscribeResult);
    }

    private EventSubscription Subscribe(RpcCall call)
    {
        var parameters = RpcParameterReader.Read(call, ContractsJsonContext.Default.EventSubscribeParams, "{\"topics\":[\"process:*\",\"metric:snapshot\"]}");
        var patterns = Patterns(call, parameters.Topics);
        var connection = call.Peer.ConnectionId;
        if (_open.Keys.Count(key => key.Connection == connection) >= MaxSubscriptionsPerConnection)
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"this connection already holds {MaxSubscriptionsPerConnection} event subscriptions", "subscribe once with several topics");
        }

        var subscription = new PeerEventSubscription(Interlocked.Increment(ref _lastId), patterns, _bus, call.Peer);
        var key = (connection, subscription.Id);
        _open[key] = subscription;
        _ = subscription.PumpAsync().ContinueWith(_ => _open.TryRemove(key, out PeerEventSubscription? _), TaskScheduler.Default);
        return new EventSubscription(subscription.Id, subscription.Patterns);
    }

    private EventUnsubscribeResult Unsubscribe(RpcCall call)
    {
        var parameters = RpcParameterReader.Read(call, ContractsJsonContext.Default.EventUnsubscribeParams, "{\"subscriptionId\":1}");
        if (!_open.TryRemove((call.Peer.ConnectionId, parameters.SubscriptionId), out var subscription))
        {
            return new EventUnsubscribeResult(false);
        }

        subscription.Dispose();
        return new EventUnsubscribeResult(true);
    }

    private static IReadOnlyList<string> Patterns(RpcCall call, IReadOnlyList<string>? topics)
    {
        if (topics is null || topics.Count == 0)
        {
            throw RpcParameterReader.Invalid(call, "topics", "needs at least one topic pattern", "for example [\"process:*\", \"health:*\", \"metric:snapshot\"]");
        }

        if (topics.FirstOrDefault(topic => topic is not null && topic.StartsWith("log:", StringComparison.Ordinal)) is { } logTopic)
        {
            throw RpcParameterReader.Invalid(call, "topics", $"'{logTopic}': logs are not events on the socket", "follow logs with log.stream (as 'od logs -f' does); the WebSocket API offers log:<app>");
        }

        try
        {
            return TopicPattern.Disjoint(topics);
        }
        catch (ArgumentException error)
        {
            throw RpcParameterReader.Invalid(call, "topics", error.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
