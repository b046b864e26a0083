namespace OpenDaemon.Config.Model;

/// <summary>How cluster mode spreads connections (spec §3.5).</summary>
public enum LoadBalancingStrategy
{
    /// <summary>In turn (default).</summary>
    RoundRobin,

    /// <summary>To the instance with fewest open connections.</summary>
    LeastConnections,

    /// <summary>By client address, so a client keeps its instance.</summary>
    IpHash,

    /// <summary>At random.</summary>
    Random,

    /// <summary>By configured weights.</summary>
    Weighted,
}
