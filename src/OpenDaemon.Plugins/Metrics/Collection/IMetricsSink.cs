namespace OpenDaemon.Plugins.Metrics.Collection;

/// <summary>
/// Something that receives every pass (an exporter). <see cref="Publish"/> runs on the collector's loop and
/// must return at once: a sink that talks to the network keeps the frame and sends it from its own loop.
/// </summary>
internal interface IMetricsSink : IAsyncDisposable
{
    void Publish(MetricsFrame frame);
}
