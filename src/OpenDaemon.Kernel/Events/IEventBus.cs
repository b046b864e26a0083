using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenDaemon.Kernel.Events;

/// <summary>
/// Publish/subscribe between plugins. Topics look like <c>process:started</c>; a subscription
/// pattern is an exact topic, a prefix ending in <c>*</c> (<c>process:*</c>) or <c>*</c> for all.
/// </summary>
/// <remarks>
/// Each subscriber has its own bounded queue drained by its own loop, so a slow handler delays
/// only itself. <c>Publish</c> never blocks and never awaits: when a subscriber's queue is
/// full, the event is <b>dropped for that subscriber only</b>, counted in
/// <see cref="EventBusStats"/> (per subscriber and in total) and logged at most once per
/// <see cref="EventBus.DropLogInterval"/> drops of that subscriber. Other subscribers still get it.
/// </remarks>
public interface IEventBus
{
    /// <summary>Delivers <paramref name="payload"/> to every matching subscriber's queue; never blocks.</summary>
    void Publish(string topic, JsonElement payload);

    /// <summary>Serialises <paramref name="payload"/> with <paramref name="typeInfo"/> and publishes it.</summary>
    void Publish<T>(string topic, T payload, JsonTypeInfo<T> typeInfo) =>
        Publish(topic, JsonSerializer.SerializeToElement(payload, typeInfo));

    /// <summary>
    /// Subscribes <paramref name="handler"/> to topics matching <paramref name="pattern"/>, with a
    /// queue of <paramref name="capacity"/> events. Dispose the result to unsubscribe; the
    /// handler's token is cancelled then.
    /// </summary>
    IDisposable Subscribe(string pattern, Func<DaemonEvent, CancellationToken, ValueTask> handler, int capacity = 1024);

    /// <summary>
    /// True when some subscription matches <paramref name="topic"/>: lets a publisher skip building a costly
    /// payload (a metrics snapshot of every app) that no one would receive.
    /// </summary>
    bool HasSubscribers(string topic);

    /// <summary>Counters: published, delivered, dropped, per subscriber and in total.</summary>
    EventBusStats Stats { get; }
}
