namespace OpenDaemon.Config.Model;

/// <summary>Sustained CPU limit.</summary>
public sealed record CpuLimit
{
    /// <summary>Percentage of one core (may exceed 100 for multi-threaded apps).</summary>
    public double Max { get; init; }

    /// <summary>How long it must be exceeded; default 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>warn, throttle, restart or stop; default warn.</summary>
    public LimitAction Action { get; init; } = LimitAction.Warn;
}
