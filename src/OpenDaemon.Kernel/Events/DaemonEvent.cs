using System.Text.Json;

namespace OpenDaemon.Kernel.Events;

/// <summary>One published event.</summary>
/// <param name="Topic">The topic, <c>area:what</c> (for example <c>process:started</c>).</param>
/// <param name="Payload">The event data; independent of any <see cref="JsonDocument"/> lifetime.</param>
/// <param name="Timestamp">When it was published.</param>
/// <param name="Source">The publishing plugin, or null for the kernel/daemon.</param>
public sealed record DaemonEvent(string Topic, JsonElement Payload, DateTimeOffset Timestamp, string? Source);
