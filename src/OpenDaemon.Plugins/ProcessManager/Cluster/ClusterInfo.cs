using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Sockets;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>What <c>od info</c> shows of an app in cluster mode: its port, where the shared socket listens, the strategy.</summary>
internal static class ClusterInfo
{
    /// <summary>Null for an app in fork mode. The bound socket, when there is one, is the truth about the port.</summary>
    public static ProcessCluster? Of(ProcessConfig config, int instances, SharedListenSocket? socket) =>
        config.Mode != ExecMode.Cluster
            ? null
            : new ProcessCluster
            {
                Port = socket?.Port ?? config.Port,
                Address = socket?.Address,
                // Only the kernel-shared socket exists so far; another strategy warns at load and runs as it.
                Strategy = ConfigNames.Of(LoadBalancingStrategy.Shared),
                RequestedStrategy = config.Cluster?.Strategy is { } asked and not LoadBalancingStrategy.Shared ? ConfigNames.Of(asked) : null,
                Instances = instances,
            };
}
