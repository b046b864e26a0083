using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Contracts.Watch;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Shared;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.Watch;

/// <summary>
/// The <c>watcher</c> plugin (spec §3.10): restarts apps with <c>watch</c> gracefully
/// (<see cref="IProcessManager.RestartAsync"/>) when their files change, one restart per burst.
/// Follows <c>app:*</c> and <c>process:starting</c> events to start, replace and stop watchers.
/// </summary>
/// <remarks>
/// Concurrency: events arrive from the event bus, possibly concurrently; one lock guards the
/// watcher table, and reconciling is short (it creates or disposes watchers, it never awaits).
/// </remarks>
public sealed class WatcherPlugin : IPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = PluginNames.Watcher;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AppWatcher> _watchers = new(StringComparer.Ordinal);
    private IProcessManager? _manager;
    private TimeProvider _time = TimeProvider.System;
    private ILogger? _logger;
    private bool _stopped;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Restarts apps with 'watch' when their files change";

    /// <inheritdoc />
    public int Priority => 90;

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => [PluginNames.ProcessManager];

    /// <inheritdoc />
    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _manager = context.GetPlugin<IProcessManager>(PluginNames.ProcessManager)
            ?? throw new InvalidOperationException("the process-manager plugin is not running");
        _time = context.TimeProvider;
        _logger = context.Logger;
        context.Events.Subscribe("app:*", OnEventAsync);
        context.Events.Subscribe("process:starting", OnEventAsync);
        RpcParameters.Register(context, RpcMethods.WatchList, () => ContractsJsonContext.Default.WatchList, (call, _) =>
        {
            // Optional targets, as schedule.list: absent, null or {} list every watched app.
            RpcParameterReader.ReadNone(call);
            var names = call.Params is { ValueKind: JsonValueKind.Object } parameters && parameters.TryGetProperty("targets", out JsonElement _)
                ? RpcParameters.Read(call, ContractsJsonContext.Default.ProcessTargetParams, "{\"targets\":[\"name\"]}").Targets.Where(n => n != "all").ToHashSet(StringComparer.Ordinal)
                : null;
            return Task.FromResult(List(names));
        });
        Reconcile();
        return ValueTask.CompletedTask;
    }

    private WatchList List(IReadOnlySet<string>? names)
    {
        lock (_gate)
        {
            return new WatchList([.. _watchers.Values
                .Where(watcher => names is null || names.Count == 0 || names.Contains(watcher.Config.Name))
                .OrderBy(watcher => watcher.Config.Name, StringComparer.Ordinal)
                .Select(watcher => watcher.Status())]);
        }
    }

    private ValueTask OnEventAsync(DaemonEvent daemonEvent, CancellationToken cancellationToken)
    {
        Reconcile();
        return ValueTask.CompletedTask;
    }

    private void Reconcile()
    {
        var manager = _manager!;
        var configs = manager.Resolve(["all"]).Select(i => i.Config).Where(c => c.Watch is not null)
            .GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            foreach (var (name, watcher) in _watchers.ToList())
            {
                if (!configs.TryGetValue(name, out var config) || config != watcher.Config)
                {
                    watcher.Dispose();
                    _watchers.Remove(name);
                }
            }

            foreach (var (name, config) in configs)
            {
                if (!_watchers.ContainsKey(name))
                {
                    _watchers[name] = new AppWatcher(config, _time, _logger!, _ => manager.RestartAsync([name], CancellationToken.None));
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }

        return ValueTask.CompletedTask;
    }
}
