using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Hooks;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>One plugin's view of the kernel; everything registered here is attributed to that plugin.</summary>
internal sealed class PluginContext : IPluginContext
{
    private readonly PluginEntry _entry;
    private readonly PluginHost _host;

    public PluginContext(PluginEntry entry, PluginHost host, PluginHostOptions options, ILogger logger)
    {
        _entry = entry;
        _host = host;
        Config = options.Config;
        Logger = logger;
        TimeProvider = options.TimeProvider;
        PluginConfig = PluginConfigMerger.Merge(
            entry.Plugin.DefaultConfig,
            options.Config.Plugins.TryGetValue(entry.Plugin.Name, out var section) ? section : null);
        Events = new PluginEventBus(host.EventBus, entry);
    }

    public OpenDaemonConfig Config { get; }

    public JsonElement PluginConfig { get; }

    public IEventBus Events { get; }

    public ILogger Logger { get; }

    public IStateStore Store => _entry.Store;

    public TimeProvider TimeProvider { get; }

    public T GetPluginConfig<T>(JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return PluginConfig.Deserialize(typeInfo)
                ?? throw new JsonException("the section is null");
        }
        catch (JsonException ex)
        {
            throw new DaemonException(
                ErrorCode.ConfigInvalid,
                $"plugins.{_entry.Name}{ex.Path?.TrimStart('$')}: {ex.Message}",
                $"fix the plugins.{_entry.Name} section of the config ('od validate')",
                ex);
        }
    }

    public void RegisterMethod(string name, RpcMethodHandler handler) => _host.RegisterMethod(_entry, name, handler);

    public void ObserveCalls(IRpcCallObserver observer) => _entry.Track(_host.Methods.AddObserver(observer));

    public void RegisterHook(string hookName, HookHandler handler) =>
        _entry.Track(_host.Hooks.Register(hookName, handler, _entry.Boundary));

    public T? GetPlugin<T>(string name)
        where T : class => _host.GetPlugin<T>(name);

    public void RegisterMetric(MetricDefinition metric) => _host.AddMetric(metric with { Plugin = _entry.Name });
}
