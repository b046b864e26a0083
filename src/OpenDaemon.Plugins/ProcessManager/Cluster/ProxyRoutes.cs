using System.Globalization;
using System.Net;
using System.Text;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// Which instance serves an HTTP request behind the proxy of the request-level strategies: the one its
/// sticky cookie names while it serves (<c>cluster.sticky</c>), else the one the value of
/// <c>cluster.routeByHeader</c> hashes to, else the app's connection strategy (<c>shared</c> counts as
/// round-robin here) — among the instances online, with a private socket, and not failing their health check.
/// </summary>
/// <remarks>
/// Concurrency: the proxy calls <see cref="Pick"/> from many requests at once. The instances' snapshots are
/// published atomically by their actors; the balancer is not thread-safe, so its pick takes a lock (a few
/// arithmetic operations); the shares are a ConcurrentDictionary.
/// </remarks>
internal sealed class ProxyRoutes : IProxyRoutes
{
    /// <summary>The stickiness cookie: its value is the instance number.</summary>
    public const string CookieName = "od_instance";

    private readonly Func<IReadOnlyList<InstanceActor>> _instances;
    private readonly ConnectionBalancer _balancer;
    private readonly Lock _balancing = new();
    private readonly InstanceShares _shares;

    public ProxyRoutes(ClusterConfig cluster, Func<IReadOnlyList<InstanceActor>> instances)
    {
        _instances = instances;
        Strategy = cluster.Strategy == LoadBalancingStrategy.Shared ? LoadBalancingStrategy.RoundRobin : cluster.Strategy;
        _balancer = new ConnectionBalancer(Strategy, cluster.Weights, Random.Shared.Next);
        _shares = new InstanceShares(instances, instance => Strategy == LoadBalancingStrategy.Weighted ? _balancer.WeightOf(instance) : null);
        StickyCookie = cluster.Sticky ? CookieName : null;
        RouteHeader = cluster.RouteByHeader;
    }

    /// <summary>The strategy of the requests that neither cookie nor header place.</summary>
    public LoadBalancingStrategy Strategy { get; }

    public string? StickyCookie { get; }

    public string? RouteHeader { get; }

    /// <summary>Each instance's requests so far, in flight now, and weight (for <c>od info</c>).</summary>
    public IReadOnlyList<InstanceShare> Shares() => _shares.Read();

    public ProxyPick? Pick(string? stickyInstance, string? headerValue, IPAddress? client)
    {
        var candidates = Candidates();
        while (candidates.Count > 0)
        {
            var index = Choose(candidates, stickyInstance, headerValue, client);
            var (instance, backend) = candidates[index];
            if (backend.TryBeginRequest())
            {
                _shares.Count(instance);
                return new ProxyPick(instance, backend.Port, backend.EndRequest);
            }

            candidates.RemoveAt(index); // retired a moment ago: it is stopping
        }

        return null;
    }

    private int Choose(List<(int Instance, RunBackend Backend)> candidates, string? stickyInstance, string? headerValue, IPAddress? client)
    {
        if (StickyCookie is not null
            && int.TryParse(stickyInstance, NumberStyles.None, CultureInfo.InvariantCulture, out var sticky)
            && candidates.FindIndex(candidate => candidate.Instance == sticky) is var stuck and >= 0)
        {
            return stuck;
        }

        if (RouteHeader is not null && !string.IsNullOrEmpty(headerValue))
        {
            return ConnectionBalancer.HashIndex(Encoding.UTF8.GetBytes(headerValue), candidates.Count);
        }

        lock (_balancing)
        {
            return _balancer.Pick([.. candidates.Select(candidate => new ConnectionBalancer.Candidate(candidate.Instance, candidate.Backend.OpenConnections))], client);
        }
    }

    private List<(int Instance, RunBackend Backend)> Candidates() =>
        [.. _instances()
            .Select(instance => instance.Snapshot)
            .Where(snapshot => snapshot.Serving is RunBackend && snapshot.Health?.Status != HealthStatus.Unhealthy)
            .Select(snapshot => (snapshot.Instance, (RunBackend)snapshot.Serving!))];
}
