using System.Text.Json;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>
/// A plugin (spec §2.3). Lifecycle: <see cref="InstallAsync"/> (register methods, hooks,
/// subscriptions) → <see cref="StartAsync"/> → (after every plugin started)
/// <see cref="ReadyAsync"/> → <see cref="StopAsync"/> in reverse start order. Every callback runs
/// inside the plugin's error boundary: an exception marks the plugin failed, never the daemon.
/// </summary>
public interface IPlugin
{
    /// <summary>Unique name: letters, digits, '-', '_' or '.', not starting with '.'. Also the state file name.</summary>
    string Name { get; }

    /// <summary>The plugin's version.</summary>
    string Version { get; }

    /// <summary>One line for <c>od plugin list</c>.</summary>
    string Description { get; }

    /// <summary>Among plugins whose dependencies are met, higher starts first. Default 0.</summary>
    int Priority => 0;

    /// <summary>Plugins that must be running before this one starts.</summary>
    IReadOnlyList<string> Dependencies => [];

    /// <summary>Plugins that must not be enabled together with this one.</summary>
    IReadOnlyList<string> Conflicts => [];

    /// <summary>Defaults the user's <c>plugins.&lt;name&gt;</c> section is merged over.</summary>
    JsonElement? DefaultConfig => null;

    /// <summary>Problems with the merged config; non-empty → not started, CONFIG_VALIDATION_ERROR.</summary>
    IReadOnlyList<string> ValidateConfig(JsonElement config) => [];

    /// <summary>Registers what the plugin offers. Runs again when the plugin is re-enabled.</summary>
    ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken);

    /// <summary>Starts work; dependencies are already running.</summary>
    ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken) => default;

    /// <summary>Every plugin has started.</summary>
    ValueTask ReadyAsync(IPluginContext context, CancellationToken cancellationToken) => default;

    /// <summary>Stops work; called for every plugin that was installed, even one that failed later.</summary>
    ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken) => default;

    /// <summary>Told about each failure caught by the plugin's error boundary. Must not throw (it is guarded anyway).</summary>
    void OnError(DaemonException error, IPluginContext context)
    {
    }

    /// <summary>True when healthy; false or an exception counts as a failure.</summary>
    ValueTask<bool> HealthCheckAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
