namespace OpenDaemon.Config.Model;

/// <summary>The metric an auto-scaling rule watches (spec §3.5).</summary>
public enum ScaleMetric
{
    /// <summary>CPU percentage.</summary>
    Cpu,

    /// <summary>Memory (RSS) percentage of the limit.</summary>
    Memory,

    /// <summary>Event loop latency in milliseconds.</summary>
    EventLoopLatency,

    /// <summary>A custom metric.</summary>
    Custom,
}
