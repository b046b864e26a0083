using System.Text.Json;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Audit;

/// <summary>
/// Records what happens without an RPC call, from the event bus: process lifecycle (<c>process:*</c>,
/// every state change and exit, whatever caused it), apps entering and leaving the table (<c>app:*</c>)
/// and configuration reloads (<c>config:reloaded</c>). The actor is the daemon; the action is the topic.
/// </summary>
internal static class AuditEventRecorder
{
    public static readonly string[] Topics = ["process:*", "app:*", "config:reloaded"];

    public static void Subscribe(IEventBus events, AuditWriter writer)
    {
        foreach (var topic in Topics)
        {
            // A large queue: a burst of restarts must not drop entries between the bus and the writer.
            events.Subscribe(topic, (daemonEvent, _) =>
            {
                writer.TryRecord(Entry(daemonEvent));
                return ValueTask.CompletedTask;
            }, capacity: 8192);
        }
    }

    private static PendingEntry Entry(DaemonEvent daemonEvent)
    {
        var name = daemonEvent.Payload.ValueKind == JsonValueKind.Object && daemonEvent.Payload.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        var area = daemonEvent.Topic[..daemonEvent.Topic.IndexOf(':', StringComparison.Ordinal)];
        return new PendingEntry(daemonEvent.Timestamp, daemonEvent.Topic, AuditCallObserver.Success)
        {
            Actor = ActorNames.Daemon,
            Target = new AuditTarget(area, name),
            Params = daemonEvent.Payload,
        };
    }
}
