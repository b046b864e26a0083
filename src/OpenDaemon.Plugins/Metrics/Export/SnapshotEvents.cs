using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// Publishes each pass as a <c>metric:snapshot</c> event (what <c>metric.snapshot</c> would answer for every
/// app) — only while someone subscribes (<c>od monit</c>, a WebSocket client), so an unwatched daemon does not
/// serialise a snapshot of every app at every pass. Runs on the collector's loop; publishing never blocks.
/// </summary>
internal sealed class SnapshotEvents(IEventBus events, Func<MetricSnapshot> snapshot) : IMetricsSink
{
    public const string Topic = "metric:snapshot";

    public void Publish(MetricsFrame frame)
    {
        if (events.HasSubscribers(Topic))
        {
            events.Publish(Topic, snapshot(), ContractsJsonContext.Default.MetricSnapshot);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
