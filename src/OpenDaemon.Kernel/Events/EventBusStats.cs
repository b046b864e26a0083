namespace OpenDaemon.Kernel.Events;

/// <summary>A snapshot of the event bus counters.</summary>
/// <param name="Published">Events published since start.</param>
/// <param name="Dropped">Deliveries dropped because a subscriber's queue was full, all subscribers.</param>
/// <param name="Subscribers">Per-subscriber counters.</param>
public sealed record EventBusStats(long Published, long Dropped, IReadOnlyList<SubscriberStats> Subscribers);
