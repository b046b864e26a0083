using System.Collections.Concurrent;
using System.Text.Json;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Plugins;

namespace OpenDaemon.Kernel.Tests.Support;

/// <summary>A plugin whose behaviour each test scripts; lifecycle calls go to a shared journal ("name:start").</summary>
internal sealed class TestPlugin(string name, ConcurrentQueue<string>? journal = null) : IPlugin
{
    private readonly ConcurrentQueue<string> _journal = journal ?? new();

    public string Name => name;

    public string Version => "1.2.3";

    public string Description => $"test plugin {name}";

    public int Priority { get; init; }

    public IReadOnlyList<string> Dependencies { get; init; } = [];

    public IReadOnlyList<string> Conflicts { get; init; } = [];

    public JsonElement? DefaultConfig { get; init; }

    public Func<JsonElement, IReadOnlyList<string>>? Validate { get; init; }

    public Func<IPluginContext, ValueTask>? OnInstall { get; init; }

    public Func<IPluginContext, ValueTask>? OnStart { get; init; }

    public Func<IPluginContext, ValueTask>? OnStop { get; init; }

    public Func<IPluginContext, ValueTask<bool>>? OnHealth { get; init; }

    public ConcurrentQueue<DaemonException> Errors { get; } = new();

    public IPluginContext? Context { get; private set; }

    public IReadOnlyList<string> ValidateConfig(JsonElement config) => Validate?.Invoke(config) ?? [];

    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        Context = context;
        _journal.Enqueue($"{name}:install");
        return OnInstall?.Invoke(context) ?? default;
    }

    public ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _journal.Enqueue($"{name}:start");
        return OnStart?.Invoke(context) ?? default;
    }

    public ValueTask ReadyAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _journal.Enqueue($"{name}:ready");
        return default;
    }

    public ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _journal.Enqueue($"{name}:stop");
        return OnStop?.Invoke(context) ?? default;
    }

    /// <summary>Released once per OnError call, after the boundary has counted the failure.</summary>
    public SemaphoreSlim ErrorSignal { get; } = new(0);

    public void OnError(DaemonException error, IPluginContext context)
    {
        Errors.Enqueue(error);
        ErrorSignal.Release();
    }

    public ValueTask<bool> HealthCheckAsync(IPluginContext context, CancellationToken cancellationToken) =>
        OnHealth?.Invoke(context) ?? ValueTask.FromResult(true);
}
