using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>The metrics collector's passes, for plugins that act on them (the autoscaler).</summary>
public interface IMetricsPasses
{
    /// <summary>
    /// Calls <paramref name="onPass"/> after each pass with what <c>metric.snapshot</c> would answer for every app.
    /// It runs on the collector's loop: hand the snapshot on, never block. The snapshot is built only while
    /// someone subscribes. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Action<MetricSnapshot> onPass);
}
