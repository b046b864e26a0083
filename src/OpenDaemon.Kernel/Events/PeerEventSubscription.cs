using System.Text.Json;
using System.Threading.Channels;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Kernel.Events;

/// <summary>
/// One <c>event.subscribe</c> of one connection: bus events matching its patterns are pushed to the peer as
/// <c>event</c> notifications, in the order they arrive.
/// </summary>
/// <remarks>
/// Overview: one bus subscription per pattern (disjoint, see <see cref="TopicPattern.Disjoint"/>) hands each
/// event to a bounded queue with <c>TryWrite</c>, so the bus's loops never wait on a socket; one pump sends
/// the queue to the peer. A full queue means the subscriber cannot keep up: the subscription closes itself,
/// the pump sends what is queued and then one <see cref="EventNotification.ClosedTopic"/> naming why, and it
/// ends — the daemon never slows down, and the subscriber is told instead of silently missing events.
/// It also ends on <see cref="Dispose"/> (<c>event.unsubscribe</c>) and when the connection closes.
/// </remarks>
internal sealed class PeerEventSubscription : IDisposable
{
    /// <summary>Events a subscriber may lag behind before it is dropped.</summary>
    public const int QueueCapacity = 1024;

    private readonly Channel<DaemonEvent> _queue = Channel.CreateBounded<DaemonEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }); // Wait: TryWrite says false when full

    private readonly IIpcPeer _peer;
    private readonly IDisposable[] _busSubscriptions;
    private string? _closeReason;

    public PeerEventSubscription(int id, IReadOnlyList<string> patterns, IEventBus bus, IIpcPeer peer)
    {
        Id = id;
        Patterns = patterns;
        _peer = peer;
        _busSubscriptions = [.. patterns.Select(pattern => bus.Subscribe(pattern, Enqueue, QueueCapacity))];
    }

    public int Id { get; }

    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Sends events until the subscription ends; never throws.</summary>
    public async Task PumpAsync()
    {
        try
        {
            await foreach (var daemonEvent in _queue.Reader.ReadAllAsync(_peer.Closed).ConfigureAwait(false))
            {
                await SendAsync(daemonEvent.Topic, daemonEvent.Timestamp, daemonEvent.Payload).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _closeReason) is { } reason)
            {
                var closed = JsonSerializer.SerializeToElement(new SubscriptionClosed(reason), ContractsJsonContext.Default.SubscriptionClosed);
                await SendAsync(EventNotification.ClosedTopic, DateTimeOffset.UtcNow, closed).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is ProtocolException or OperationCanceledException or IOException)
        {
            // The connection went away: nothing to tell anyone.
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Stops taking events; the pump sends what is queued and ends.</summary>
    public void Dispose()
    {
        foreach (var subscription in _busSubscriptions)
        {
            subscription.Dispose();
        }

        _queue.Writer.TryComplete();
    }

    private ValueTask Enqueue(DaemonEvent daemonEvent, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(daemonEvent) && Interlocked.CompareExchange(ref _closeReason, SlowSubscriberReason, null) is null)
        {
            Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask SendAsync(string topic, DateTimeOffset timestamp, JsonElement data) =>
        _peer.SendNotificationAsync(
            new JsonRpcNotification(
                EventNotification.Method,
                JsonSerializer.SerializeToElement(new EventNotification(Id, topic, timestamp, data), ContractsJsonContext.Default.EventNotification)),
            _peer.Closed);

    private static readonly string SlowSubscriberReason =
        $"the subscriber fell {QueueCapacity} events behind; subscribe again (and read faster) to go on";
}
