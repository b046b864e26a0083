using System.Globalization;
using System.Runtime.InteropServices;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Sockets;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// What cluster mode adds to an instance's launch: a listening socket at fd 3 with the socket-activation
/// variables (LISTEN_FDS, LISTEN_FDNAMES; the exec shim adds LISTEN_PID), the port in OD_CLUSTER_PORT, and
/// for Node the preload that makes <c>listen(PORT)</c> use the socket. With the default strategy (shared)
/// the socket is the app's one, shared by every instance. With a connection-level strategy the daemon
/// accepts on the app's socket instead: a Node instance gets no socket but OD_CLUSTER_HANDOFF=1 (its preload
/// takes the connections handed over its IPC channel), any other instance gets a private socket of its own
/// (<see cref="Launch.Backend"/>), which the daemon relays connections to (<see cref="RunBackend"/>). With a
/// request-level strategy (sticky, routeByHeader) every instance, Node too, gets a private socket, which the
/// daemon's HTTP proxy forwards requests to.
/// </summary>
internal static class ClusterLaunch
{
    private const string Source = "od";

    /// <summary>An instance's cluster launch: its environment, the sockets it inherits, and its private socket when relayed (the run owns it).</summary>
    public sealed record Launch(IReadOnlyList<EnvironmentVariable> Environment, IReadOnlyList<SafeHandle> ListenSockets, SharedListenSocket? Backend);

    public static Launch Apply(ProcessConfig config, IReadOnlyList<EnvironmentVariable> environment, bool node, ClusterSockets sockets, string? nodePreload)
    {
        var port = ClusterPort.Resolve(config, environment);
        var socket = sockets.Acquire(config.Name, port, Handoff(config) || config.Cluster?.RequestLevel == true ? config.Cluster : null);
        var handed = socket.Dispatcher is not null && node;
        var backend = socket.DaemonAccepts && !handed ? SharedListenSocket.BindLoopback() : null;
        List<EnvironmentVariable> added = handed
            ? [new("OD_CLUSTER_HANDOFF", "1", Source, Masked: false)]
            :
            [
                new("LISTEN_FDS", "1", Source, Masked: false),
                // systemd separates names with ':'; an app name never needs one there.
                new("LISTEN_FDNAMES", config.Name.Replace(':', '_'), Source, Masked: false),
            ];
        added.Add(new("OD_CLUSTER_PORT", port.ToString(CultureInfo.InvariantCulture), Source, Masked: false));
        if (node && nodePreload is not null)
        {
            var current = environment.FirstOrDefault(variable => variable.Name == "NODE_OPTIONS")?.Value;
            added.Add(new("NODE_OPTIONS", Launching.NodePreloads.AddTo(current, nodePreload), Source, Masked: false));
        }

        var removed = new[] { "LISTEN_FDS", "LISTEN_FDNAMES", "OD_CLUSTER_HANDOFF" };
        SafeHandle? inherited = socket.DaemonAccepts ? backend?.Handle : socket.Socket.Handle;
        return new Launch(
            [.. environment.Where(variable => added.All(a => a.Name != variable.Name) && !removed.Contains(variable.Name)), .. added],
            inherited is null ? [] : [inherited],
            backend);
    }

    /// <summary>Whether the app asks for a connection-level strategy (anything but the kernel-shared socket).</summary>
    public static bool Handoff(ProcessConfig config) => config.Cluster?.Strategy is { } strategy && strategy != LoadBalancingStrategy.Shared;
}
