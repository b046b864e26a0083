namespace OpenDaemon.Kernel.Events;

/// <summary>Counters of one subscription.</summary>
/// <param name="Id">A number unique within the bus.</param>
/// <param name="Pattern">The topic pattern.</param>
/// <param name="Owner">The plugin that subscribed, or null for the kernel/daemon.</param>
/// <param name="Capacity">Queue capacity.</param>
/// <param name="Queued">Events waiting in the queue now.</param>
/// <param name="Delivered">Events handed to the handler.</param>
/// <param name="Dropped">Events dropped because the queue was full.</param>
public sealed record SubscriberStats(long Id, string Pattern, string? Owner, int Capacity, int Queued, long Delivered, long Dropped);
