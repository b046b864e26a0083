using System.Globalization;
using System.Runtime.InteropServices;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>
/// What cluster mode adds to an instance's launch: the app's shared listening socket at fd 3 with the
/// socket-activation variables (LISTEN_FDS, LISTEN_FDNAMES; the exec shim adds LISTEN_PID), the port in
/// OD_CLUSTER_PORT, and for Node the preload that makes <c>listen(PORT)</c> use the socket.
/// </summary>
internal static class ClusterLaunch
{
    private const string Source = "od";

    public static (IReadOnlyList<EnvironmentVariable> Environment, IReadOnlyList<SafeHandle> ListenSockets) Apply(
        ProcessConfig config, IReadOnlyList<EnvironmentVariable> environment, bool node, ClusterSockets sockets, string? nodePreload)
    {
        var port = ClusterPort.Resolve(config, environment);
        var socket = sockets.Acquire(config.Name, port);
        List<EnvironmentVariable> added =
        [
            new("LISTEN_FDS", "1", Source, Masked: false),
            // systemd separates names with ':'; an app name never needs one there.
            new("LISTEN_FDNAMES", config.Name.Replace(':', '_'), Source, Masked: false),
            new("OD_CLUSTER_PORT", port.ToString(CultureInfo.InvariantCulture), Source, Masked: false),
        ];
        if (node && nodePreload is not null)
        {
            var current = environment.FirstOrDefault(variable => variable.Name == "NODE_OPTIONS")?.Value;
            added.Add(new("NODE_OPTIONS", Launching.NodePreloads.AddTo(current, nodePreload), Source, Masked: false));
        }

        return ([.. environment.Where(variable => added.All(a => a.Name != variable.Name)), .. added], [socket.Handle]);
    }
}
