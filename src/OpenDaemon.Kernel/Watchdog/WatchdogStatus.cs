namespace OpenDaemon.Kernel.Watchdog;

/// <summary>What the watchdog knows about the kernel's responsiveness.</summary>
/// <param name="Healthy">False while a probe has waited longer than the stall threshold.</param>
/// <param name="LastLag">How long the last serviced probe waited for the thread pool.</param>
/// <param name="StallCount">Stalls detected since start.</param>
/// <param name="LastStallAt">When the last stall was detected, or null.</param>
/// <param name="CurrentStall">How long the current stall has lasted, or null when healthy.</param>
public sealed record WatchdogStatus(bool Healthy, TimeSpan LastLag, int StallCount, DateTimeOffset? LastStallAt, TimeSpan? CurrentStall)
{
    /// <summary>The status before any probe.</summary>
    public static WatchdogStatus Initial { get; } = new(true, TimeSpan.Zero, 0, null, null);
}
