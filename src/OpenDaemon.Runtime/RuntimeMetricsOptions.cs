namespace OpenDaemon.Runtime;

/// <summary>What <see cref="RuntimeMetrics.Start(RuntimeMetricsOptions?)"/> reports and where to.</summary>
/// <remarks>The defaults report every meter of the process to the daemon that started it, and nothing otherwise.</remarks>
public sealed class RuntimeMetricsOptions
{
    /// <summary>
    /// The names of the meters to report (exact, case-sensitive: <c>"Shop"</c>, <c>"System.Runtime"</c>); null, the
    /// default, reports every meter, the runtime's own <c>System.Runtime</c> meter included.
    /// </summary>
    public IReadOnlyCollection<string>? Meters { get; init; }

    /// <summary>
    /// The daemon's metrics socket; null, the default, reads <c>OD_METRICS_SOCKET</c>, which OpenDaemon sets in every
    /// app it starts. Set it only to report somewhere else (tests).
    /// </summary>
    public string? SocketPath { get; init; }
}
