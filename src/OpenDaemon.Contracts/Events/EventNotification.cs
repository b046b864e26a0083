using System.Text.Json;

namespace OpenDaemon.Contracts.Events;

/// <summary>
/// One event pushed to a subscriber: the params of the JSON-RPC notification <see cref="Method"/> on the
/// Unix socket, and (without <see cref="SubscriptionId"/>) the text frame of the WebSocket.
/// </summary>
/// <param name="SubscriptionId">The subscription it belongs to (0 on the WebSocket).</param>
/// <param name="Event">The topic, for example <c>process:online</c>, <c>metric:snapshot</c>, <c>log:api</c>.</param>
/// <param name="Timestamp">When the daemon published it.</param>
/// <param name="Data">The event's payload (<c>ProcessEvent</c>, <c>HealthEvent</c>, <c>MetricSnapshot</c>, <c>LogEntry</c>...).</param>
public sealed record EventNotification(int SubscriptionId, string Event, DateTimeOffset Timestamp, JsonElement Data)
{
    /// <summary>The JSON-RPC notification method that carries events.</summary>
    public const string Method = "event";

    /// <summary>The last event of a subscription the daemon ended (its subscriber fell behind); data is <see cref="SubscriptionClosed"/>.</summary>
    public const string ClosedTopic = "subscription:closed";
}

/// <summary>Payload of <see cref="EventNotification.ClosedTopic"/>.</summary>
/// <param name="Reason">Why the daemon ended the subscription.</param>
public sealed record SubscriptionClosed(string Reason);
