using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Events;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Client;

// The event stream: event.subscribe / event.unsubscribe.
public sealed partial class OdClient
{
    /// <summary>
    /// <c>event.subscribe</c>: daemon events whose topic matches one of <paramref name="topics"/> (<c>process:*</c>,
    /// <c>health:*</c>, <c>metric:snapshot</c>, <c>*</c>...), as they happen, until <paramref name="cancellationToken"/>
    /// is cancelled or the connection closes. A subscriber that falls 1,024 events behind gets a last event
    /// <see cref="EventNotification.ClosedTopic"/> and the enumeration ends.
    /// </summary>
    public async IAsyncEnumerable<EventNotification> SubscribeEventsAsync(IReadOnlyList<string> topics, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Events can arrive before the answer that names the subscription, so listen first and sort by id after.
        var events = Channel.CreateUnbounded<EventNotification>(new UnboundedChannelOptions { SingleReader = true });
        void OnNotification(JsonRpcNotification notification)
        {
            if (notification.Method == EventNotification.Method && notification.Params?.Deserialize(ContractsJsonContext.Default.EventNotification) is { } received)
            {
                events.Writer.TryWrite(received);
            }
        }

        _connection.NotificationReceived += OnNotification;
        _ = _connection.Completion.ContinueWith(_ => events.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = FramedLineStream.KeepAliveAsync(_connection, _options.RequestTimeout, stop.Token);
        int? subscriptionId = null;
        try
        {
            var subscription = await InvokeAsync(RpcMethods.EventSubscribe, Serialize(new EventSubscribeParams(topics), ContractsJsonContext.Default.EventSubscribeParams), ContractsJsonContext.Default.EventSubscription, cancellationToken).ConfigureAwait(false);
            subscriptionId = subscription.SubscriptionId;
            await foreach (var received in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (received.SubscriptionId != subscription.SubscriptionId)
                {
                    continue;
                }

                yield return received;
                if (received.Event == EventNotification.ClosedTopic)
                {
                    subscriptionId = null;
                    yield break;
                }
            }
        }
        finally
        {
            _connection.NotificationReceived -= OnNotification;
            await stop.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            if (subscriptionId is { } id && _connection.IsConnected)
            {
                await UnsubscribeEventsAsync(id).ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>event.unsubscribe</c>: ends a subscription of this connection; <see cref="SubscribeEventsAsync"/> does it itself when its enumeration ends.</summary>
    public async Task<EventUnsubscribeResult> UnsubscribeEventsAsync(int subscriptionId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await InvokeAsync(RpcMethods.EventUnsubscribe, Serialize(new EventUnsubscribeParams(subscriptionId), ContractsJsonContext.Default.EventUnsubscribeParams), ContractsJsonContext.Default.EventUnsubscribeResult, cancellationToken).ConfigureAwait(false);
        }
        catch (Contracts.Errors.DaemonException) when (!_connection.IsConnected)
        {
            return new EventUnsubscribeResult(false); // the connection ended, and the subscription with it
        }
    }
}
