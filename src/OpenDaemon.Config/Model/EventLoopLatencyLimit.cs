namespace OpenDaemon.Config.Model;

/// <summary>Event loop latency limit (Node.js apps reporting runtime metrics).</summary>
public sealed record EventLoopLatencyLimit
{
    /// <summary>Latency ceiling.</summary>
    public TimeSpan Max { get; init; }

    /// <summary>warn or restart; default warn.</summary>
    public LimitAction Action { get; init; } = LimitAction.Warn;
}
