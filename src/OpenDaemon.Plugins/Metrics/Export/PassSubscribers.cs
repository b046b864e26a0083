using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// Hands each pass, as a <see cref="MetricSnapshot"/>, to the plugins that subscribed through
/// <see cref="IMetricsPasses"/> (the autoscaler). The snapshot is built only while someone subscribes.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="Publish"/> runs on the collector's loop; subscribing and disposing happen on any
/// thread. The list is copied on write, so a pass iterates a stable array without a lock.
/// </remarks>
internal sealed class PassSubscribers(Func<MetricSnapshot> snapshot) : IMetricsSink, IMetricsPasses
{
    private readonly Lock _gate = new();
    private Action<MetricSnapshot>[] _subscribers = [];

    public IDisposable Subscribe(Action<MetricSnapshot> onPass)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onPass];
        }

        return new Subscription(this, onPass);
    }

    public void Publish(MetricsFrame frame)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        if (subscribers.Length == 0)
        {
            return;
        }

        var current = snapshot();
        foreach (var subscriber in subscribers)
        {
            subscriber(current);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Remove(Action<MetricSnapshot> onPass)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(subscriber => subscriber != onPass)];
        }
    }

    private sealed class Subscription(PassSubscribers owner, Action<MetricSnapshot> onPass) : IDisposable
    {
        public void Dispose() => owner.Remove(onPass);
    }
}
