using System.Collections.Concurrent;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// What each instance of an app was given by the daemon — connections, or requests behind the proxy — for
/// <c>od info</c>. Counted from the dispatcher's loop or the proxy's requests, read by <c>od info</c>
/// (a ConcurrentDictionary).
/// </summary>
internal sealed class InstanceShares(Func<IReadOnlyList<InstanceActor>> instances, Func<int, int?> weightOf)
{
    private readonly ConcurrentDictionary<int, long> _given = new();

    public void Count(int instance) => _given.AddOrUpdate(instance, 1, (_, count) => count + 1);

    /// <summary>Each instance's count so far, what it has open now, its percentage and weight.</summary>
    public IReadOnlyList<InstanceShare> Read()
    {
        var total = _given.Values.Sum();
        return [.. instances().Select(instance =>
        {
            var given = _given.GetValueOrDefault(instance.Instance);
            return new InstanceShare
            {
                Instance = instance.Instance,
                Connections = given,
                Open = instance.Snapshot.Serving?.OpenConnections ?? 0,
                Percent = total == 0 ? 0 : Math.Round(given * 100.0 / total, 1),
                Weight = weightOf(instance.Instance),
            };
        })];
    }
}
