namespace OpenDaemon.Config.Model;

/// <summary>Notifications (spec §3.11).</summary>
public sealed record NotificationConfig
{
    /// <summary>Where notifications go.</summary>
    public IReadOnlyList<NotificationChannel> Channels { get; init; } = [];

    /// <summary>Minimum time between two notifications of the same event, or null.</summary>
    public TimeSpan? Throttle { get; init; }

    /// <summary>Batch events within this window into one message, or null.</summary>
    public TimeSpan? BatchWindow { get; init; }
}
