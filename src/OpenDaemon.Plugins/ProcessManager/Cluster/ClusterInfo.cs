using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>What <c>od info</c> shows of an app in cluster mode: its port, where the socket listens, the strategy, each instance's share.</summary>
internal static class ClusterInfo
{
    // How the proxy places requests, as od info says it: "sticky (cookie od_instance), by header X-Tenant,
    // else by the strategy", after "over TLS (HTTP/2 or HTTP/1.1), " when it terminates TLS.
    private static string Requests(ProxyRoutes routes, bool tls)
    {
        var placements = new[] { routes.StickyCookie is { } cookie ? $"sticky (cookie {cookie})" : null, routes.RouteHeader is { } header ? $"by header {header}" : null }.OfType<string>().ToList();
        var placed = placements.Count == 0 ? "by the strategy" : $"{string.Join(", ", placements)}, else by the strategy";
        return tls ? $"over TLS (HTTP/2 or HTTP/1.1), {placed}" : placed;
    }

    /// <summary>Null for an app in fork mode. The bound socket, when there is one, is the truth about the port.</summary>
    public static ProcessCluster? Of(ProcessConfig config, int instances, ClusterSocket? socket) =>
        config.Mode != ExecMode.Cluster
            ? null
            : new ProcessCluster
            {
                Port = socket?.Socket.Port ?? config.Port,
                Address = socket?.Socket.Address,
                Strategy = ConfigNames.Of(socket?.Strategy ?? config.Cluster?.Strategy ?? LoadBalancingStrategy.Shared),
                Instances = instances,
                Shares = socket?.Dispatcher?.Shares() ?? socket?.Routes?.Shares(),
                Requests = socket?.Routes is { } routes ? Requests(routes, socket.Balancing?.Tls is not null) : null,
            };
}
