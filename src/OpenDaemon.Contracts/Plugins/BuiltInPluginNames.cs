namespace OpenDaemon.Contracts.Plugins;

/// <summary>
/// The names of the plugins every daemon registers, so that a configuration can be checked
/// offline (<c>od validate</c>): a <c>plugins.&lt;name&gt;</c> section for any other name is an error.
/// Kept equal to <c>OpenDaemon.Plugins.BuiltInPlugins</c> by a test.
/// </summary>
public static class BuiltInPluginNames
{
    /// <summary>Every built-in plugin's name.</summary>
    public static IReadOnlyList<string> All { get; } = ["log-manager", "health-check", "process-manager", "scheduler", "metrics-collector", "autoscaler", "watcher", "audit-logger"];
}
