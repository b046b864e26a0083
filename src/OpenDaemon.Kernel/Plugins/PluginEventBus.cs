using System.Text.Json;
using OpenDaemon.Kernel.Events;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>The event bus as a plugin sees it: events it publishes carry its name, its subscriptions run in its error boundary and end when it stops.</summary>
internal sealed class PluginEventBus(EventBus bus, PluginEntry entry) : IEventBus
{
    public EventBusStats Stats => bus.Stats;

    public void Publish(string topic, JsonElement payload) => bus.Publish(topic, payload, entry.Name);

    public bool HasSubscribers(string topic) => bus.HasSubscribers(topic);

    public IDisposable Subscribe(string pattern, Func<DaemonEvent, CancellationToken, ValueTask> handler, int capacity = 1024)
    {
        var subscription = bus.Subscribe(pattern, handler, capacity, entry.Boundary);
        entry.Track(subscription);
        return subscription;
    }
}
