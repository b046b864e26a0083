namespace OpenDaemon.Config.Model;

/// <summary>Memory (RSS) limit.</summary>
public sealed record MemoryLimit
{
    /// <summary>Bytes.</summary>
    public long Max { get; init; }

    /// <summary>warn, restart or stop; default restart.</summary>
    public LimitAction Action { get; init; } = LimitAction.Restart;

    /// <summary>How long the limit may be exceeded before acting; default 0.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.Zero;
}
