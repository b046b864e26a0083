using System.Globalization;
using System.Runtime.InteropServices;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// What cluster mode adds to an instance's launch: the app's shared listening socket at fd 3 with the
/// socket-activation variables (LISTEN_FDS, LISTEN_FDNAMES; the exec shim adds LISTEN_PID), the port in
/// OD_CLUSTER_PORT, and for Node the preload that makes <c>listen(PORT)</c> use the socket. With a
/// connection-handoff strategy a Node instance gets no socket but OD_CLUSTER_HANDOFF=1: its preload takes
/// the connections the daemon hands over its IPC channel. Other apps cannot take handed connections and
/// share the socket (od info says so).
/// </summary>
internal static class ClusterLaunch
{
    private const string Source = "od";

    public static (IReadOnlyList<EnvironmentVariable> Environment, IReadOnlyList<SafeHandle> ListenSockets) Apply(
        ProcessConfig config, IReadOnlyList<EnvironmentVariable> environment, bool node, ClusterSockets sockets, string? nodePreload)
    {
        var port = ClusterPort.Resolve(config, environment);
        var handoff = node && Handoff(config) ? config.Cluster : null;
        var socket = sockets.Acquire(config.Name, port, handoff);
        List<EnvironmentVariable> added = socket.Dispatcher is null
            ?
            [
                new("LISTEN_FDS", "1", Source, Masked: false),
                // systemd separates names with ':'; an app name never needs one there.
                new("LISTEN_FDNAMES", config.Name.Replace(':', '_'), Source, Masked: false),
            ]
            : [new("OD_CLUSTER_HANDOFF", "1", Source, Masked: false)];
        added.Add(new("OD_CLUSTER_PORT", port.ToString(CultureInfo.InvariantCulture), Source, Masked: false));
        if (node && nodePreload is not null)
        {
            var current = environment.FirstOrDefault(variable => variable.Name == "NODE_OPTIONS")?.Value;
            added.Add(new("NODE_OPTIONS", Launching.NodePreloads.AddTo(current, nodePreload), Source, Masked: false));
        }

        var removed = new[] { "LISTEN_FDS", "LISTEN_FDNAMES", "OD_CLUSTER_HANDOFF" };
        return (
            [.. environment.Where(variable => added.All(a => a.Name != variable.Name) && !removed.Contains(variable.Name)), .. added],
            socket.Dispatcher is null ? [socket.Socket.Handle] : []);
    }

    /// <summary>Whether the app asks for a connection-handoff strategy (anything but the kernel-shared socket).</summary>
    public static bool Handoff(ProcessConfig config) => config.Cluster?.Strategy is { } strategy && strategy != LoadBalancingStrategy.Shared;
}
