using System.Globalization;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Cluster;

/// <summary>The port an app in cluster mode shares: its <c>port</c> field, else the PORT variable of its environment.</summary>
internal static class ClusterPort
{
    public static int Resolve(ProcessConfig config, IReadOnlyList<EnvironmentVariable> environment)
    {
        if (config.Port is { } port)
        {
            return port;
        }

        var text = environment.FirstOrDefault(variable => variable.Name == "PORT")?.Value;
        if (text is null)
        {
            throw new DaemonException(
                ErrorCode.ProcessStartFailed,
                $"app {config.Name}: cluster mode needs the port its instances share, and the app has neither 'port' nor PORT in its environment",
                "set 'port: 3000' (the app then finds it in PORT), or use mode: fork for an app that does not listen");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535
            ? port
            : throw new DaemonException(
                ErrorCode.ProcessStartFailed,
                $"app {config.Name}: PORT is '{text}', not a TCP port, so cluster mode has no port to share",
                "set PORT (or 'port') to a number between 1 and 65535");
    }
}
