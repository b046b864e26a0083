namespace OpenDaemon.Contracts.Metrics;

/// <summary>One network interface's counters since boot (/proc/net/dev).</summary>
public sealed record NetworkMetrics
{
    /// <summary>Interface name.</summary>
    public required string Interface { get; init; }

    /// <summary>Bytes received.</summary>
    public required long ReceiveBytes { get; init; }

    /// <summary>Bytes sent.</summary>
    public required long TransmitBytes { get; init; }

    /// <summary>Packets received.</summary>
    public required long ReceivePackets { get; init; }

    /// <summary>Packets sent.</summary>
    public required long TransmitPackets { get; init; }

    /// <summary>Receive errors.</summary>
    public required long ReceiveErrors { get; init; }

    /// <summary>Transmit errors.</summary>
    public required long TransmitErrors { get; init; }
}
