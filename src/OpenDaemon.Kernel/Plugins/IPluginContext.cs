using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Hooks;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>What the kernel gives a plugin (spec §2.4). Everything registered through it is owned by the plugin and guarded by its error boundary.</summary>
public interface IPluginContext
{
    /// <summary>The whole configuration.</summary>
    OpenDaemonConfig Config { get; }

    /// <summary><c>plugins.&lt;name&gt;</c> deep-merged over <see cref="IPlugin.DefaultConfig"/>; <c>{}</c> when neither exists.</summary>
    JsonElement PluginConfig { get; }

    /// <summary><see cref="PluginConfig"/> as <typeparamref name="T"/>; CONFIG_INVALID naming <c>plugins.&lt;name&gt;</c> when it does not fit.</summary>
    T GetPluginConfig<T>(JsonTypeInfo<T> typeInfo);

    /// <summary>The event bus; subscriptions are attributed to this plugin and removed when it stops.</summary>
    IEventBus Events { get; }

    /// <summary>A logger named after the plugin.</summary>
    ILogger Logger { get; }

    /// <summary>This plugin's persistent key/value store.</summary>
    IStateStore Store { get; }

    /// <summary>The clock; use it for every delay and timestamp.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Registers an RPC method, guarded by this plugin's error boundary and breaker.</summary>
    void RegisterMethod(string name, RpcMethodHandler handler);

    /// <summary>
    /// Observes every RPC call of every plugin and of the daemon once it completed (the audit log);
    /// removed when the plugin stops. The observer must only queue what it needs (see <see cref="IRpcCallObserver"/>).
    /// </summary>
    void ObserveCalls(IRpcCallObserver observer);

    /// <summary>Registers a hook handler; removed when the plugin stops.</summary>
    void RegisterHook(string hookName, HookHandler handler);

    /// <summary>Another plugin as its published interface, or null when absent, not running or not a <typeparamref name="T"/>.</summary>
    T? GetPlugin<T>(string name)
        where T : class;

    /// <summary>Declares a metric; the metrics plugin exposes the declared set.</summary>
    void RegisterMetric(MetricDefinition metric);
}
