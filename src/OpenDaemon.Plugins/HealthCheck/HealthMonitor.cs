using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.HealthCheck.Probes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.HealthCheck;

/// <summary>The watches of every instance with a health check, and what their probes share.</summary>
internal sealed class HealthMonitor : IHealthMonitor, IAsyncDisposable
{
    private readonly ConcurrentDictionary<HealthWatch, byte> _watches = new();
    private readonly ProbeFactory _probes;
    private readonly HealthWatchServices _services;

    public HealthMonitor(TimeProvider time, IEventBus events, ILogger logger)
    {
        _probes = new ProbeFactory(time);
        _services = new HealthWatchServices(time, events, logger);
    }

    public int WatchCount => _watches.Count;

    public IAsyncDisposable Watch(HealthTarget target, Action<HealthReport> report)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(report);
        var watch = new HealthWatch(target, _probes.Create(target), report, _services, ended => _watches.TryRemove(ended, out _));
        _watches.TryAdd(watch, 0);
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watch in _watches.Keys)
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }

        _probes.Dispose();
    }
}
