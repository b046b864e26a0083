using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Runtime;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// What the runtime metrics add to an app's launch: the metrics plugin's socket in OD_METRICS_SOCKET for every app
/// whose metrics are collected (apps report their own series there, in any language), and for Node apps the
/// preload in NODE_OPTIONS (after what the app or cluster mode put there) unless they opt out of it.
/// </summary>
internal static class RuntimeMetricsLaunch
{
    /// <summary>The variable that tells the preload and the runtime libraries where to report.</summary>
    public const string SocketVariable = "OD_METRICS_SOCKET";

    /// <summary>False when the app is left out of metrics altogether: <c>metrics: false</c>.</summary>
    public static bool SocketWanted(ProcessConfig config) => config.Metrics is not { Enabled: false };

    /// <summary>False when a Node app opts out of the preload: <c>metrics: false</c> or <c>metrics.runtime: false</c>.</summary>
    public static bool PreloadWanted(ProcessConfig config) => config.Metrics is not ({ Enabled: false } or { Runtime: false });

    public static IReadOnlyList<EnvironmentVariable> Apply(IReadOnlyList<EnvironmentVariable> environment, RuntimeMetricsChannel channel, bool preload)
    {
        List<EnvironmentVariable> added = [new(SocketVariable, channel.SocketPath, "od", Masked: false)];
        if (preload)
        {
            var current = environment.FirstOrDefault(variable => variable.Name == "NODE_OPTIONS")?.Value;
            added.Add(new("NODE_OPTIONS", NodePreloads.AddTo(current, channel.PreloadPath), "od", Masked: false));
        }

        return [.. environment.Where(variable => added.All(a => a.Name != variable.Name)), .. added];
    }
}
