using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>What the planner needs to know about the daemon it runs in.</summary>
internal sealed record LaunchSettings
{
    /// <summary>The daemon's environment at start: the base layer of every app's environment.</summary>
    public required IReadOnlyDictionary<string, string> DaemonEnvironment { get; init; }

    /// <summary>The <c>od</c> binary used as exec shim for uid/gid/nice/umask; null when unknown.</summary>
    public string? ShimExecutable { get; init; }

    /// <summary>CPU count for <c>instances: max</c>: the CPUs the daemon may use (affinity and cgroup quota).</summary>
    public int ProcessorCount { get; init; } = UsableCpus.Count();

    /// <summary>Where the Node preload of cluster mode is (written at daemon start); null: Node apps get no preload.</summary>
    public string? NodePreloadPath { get; init; }

    /// <summary>The Node runtime-metrics channel (preload and socket); null: Node apps get no metrics preload.</summary>
    public Metrics.Runtime.RuntimeMetricsChannel? RuntimeMetrics { get; init; }

    /// <summary>This process's environment now, as the base layer for apps.</summary>
    public static Dictionary<string, string> CaptureDaemonEnvironment() =>
        Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);
}
