namespace OpenDaemon.Config.Model;

/// <summary>How cluster mode spreads connections (spec §3.5).</summary>
public enum LoadBalancingStrategy
{
    /// <summary>
    /// One listening socket shared by every instance; the kernel hands each connection to an instance
    /// waiting in accept (default: no extra hop, nothing in the daemon on the data path).
    /// </summary>
    Shared,

    /// <summary>In turn.</summary>
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
