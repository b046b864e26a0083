using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>The metrics collector's exporters as <c>daemon.status</c> reports them.</summary>
public interface IMetricsExporters
{
    /// <summary>Each configured exporter's counts and last failure; empty when none is configured.</summary>
    IReadOnlyList<ExporterStatus> ExporterStatuses();
}
