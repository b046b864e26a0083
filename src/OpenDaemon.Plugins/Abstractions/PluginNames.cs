namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// The names the built-in plugins register under, so that one plugin can ask the kernel for another's
/// published interface (<c>GetPlugin&lt;IOutputCapture&gt;(PluginNames.LogManager)</c>) without
/// referring to that plugin's front door.
/// </summary>
public static class PluginNames
{
    /// <summary>The <c>process-manager</c> plugin: publishes <see cref="IProcessManager"/>.</summary>
    public const string ProcessManager = "process-manager";

    /// <summary>The <c>log-manager</c> plugin: publishes <see cref="IOutputCapture"/>.</summary>
    public const string LogManager = "log-manager";

    /// <summary>The <c>health-check</c> plugin: publishes <see cref="IHealthMonitor"/>.</summary>
    public const string HealthCheck = "health-check";
}
