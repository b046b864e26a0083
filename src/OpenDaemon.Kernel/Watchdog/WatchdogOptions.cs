namespace OpenDaemon.Kernel.Watchdog;

/// <summary>How often the watchdog probes the thread pool and when a delay counts as a stall.</summary>
public sealed record WatchdogOptions
{
    /// <summary>Time between probes. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe not serviced within this is a stall. Default 5 s.</summary>
    public TimeSpan StallThreshold { get; init; } = TimeSpan.FromSeconds(5);
}
