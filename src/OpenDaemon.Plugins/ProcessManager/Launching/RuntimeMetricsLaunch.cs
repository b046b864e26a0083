using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Runtime;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// What the runtime metrics add to a Node app's launch: the preload in NODE_OPTIONS (after what the app
/// or cluster mode put there) and the metrics plugin's socket in OD_METRICS_SOCKET.
/// </summary>
internal static class RuntimeMetricsLaunch
{
    /// <summary>The variable that tells the preload where to report.</summary>
    public const string SocketVariable = "OD_METRICS_SOCKET";

    /// <summary>False when the app opts out: <c>metrics: false</c> or <c>metrics.runtime: false</c>.</summary>
    public static bool Wanted(ProcessConfig config) => config.Metrics is not ({ Enabled: false } or { Runtime: false });

    public static IReadOnlyList<EnvironmentVariable> Apply(IReadOnlyList<EnvironmentVariable> environment, RuntimeMetricsChannel channel)
    {
        var current = environment.FirstOrDefault(variable => variable.Name == "NODE_OPTIONS")?.Value;
        List<EnvironmentVariable> added =
        [
            new("NODE_OPTIONS", NodePreloads.AddTo(current, channel.PreloadPath), "od", Masked: false),
            new(SocketVariable, channel.SocketPath, "od", Masked: false),
        ];
        return [.. environment.Where(variable => added.All(a => a.Name != variable.Name)), .. added];
    }
}
