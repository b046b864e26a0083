using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.Scheduler;

/// <summary>
/// The <c>scheduler</c> plugin (spec §3.9): runs <c>cron</c> apps on their schedule — jobs
/// (<c>autoRestart: false</c>) start at each occurrence, long-running apps restart (PM2's
/// <c>cron_restart</c>) — with time zones, overlap prevention, retries and a bounded history kept in
/// <c>$OD_HOME/state/scheduler.json</c>. Registers <c>schedule.list</c> (<c>od cron</c>, <c>od info</c>).
/// </summary>
/// <remarks>
/// It depends on the process manager and so installs after it and stops before it: at daemon
/// shutdown no schedule fires into apps that are being stopped.
/// </remarks>
public sealed class SchedulerPlugin : IPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = PluginNames.Scheduler;

    private ScheduleBook? _book;
    private IProcessManager? _manager;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Runs apps on a cron schedule (jobs, scheduled restarts) with history";

    /// <inheritdoc />
    public int Priority => 90;

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => [PluginNames.ProcessManager];

    /// <inheritdoc />
    public async ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _manager = context.GetPlugin<IProcessManager>(PluginNames.ProcessManager)
            ?? throw new InvalidOperationException("the process-manager plugin is not running");
        _book = new ScheduleBook(new ProcessManagerTarget(_manager), context.Store, context.TimeProvider, context.Logger);
        context.Events.Subscribe("app:*", OnAppEventAsync);
        context.Events.Subscribe("process:*", OnProcessEventAsync);
        RpcParameters.Register(context, RpcMethods.ScheduleList, () => ContractsJsonContext.Default.ScheduleList, (call, _) =>
        {
            // Optional targets: absent, null or {} list every app; any other shape is INVALID_PARAMS.
            RpcParameterReader.ReadNone(call);
            var names = call.Params is { ValueKind: JsonValueKind.Object } parameters && parameters.TryGetProperty("targets", out JsonElement _)
                ? RpcParameters.Read(call, ContractsJsonContext.Default.ProcessTargetParams, "{\"targets\":[\"name\"]}").Targets
                : null;
            return Task.FromResult(Book.List(names?.Where(n => n != "all").ToHashSet(StringComparer.Ordinal)));
        });

        // Apps started with the daemon's configuration before this plugin was installed.
        await ReconcileAsync(removed: null, cancellationToken).ConfigureAwait(false);
    }

    private ScheduleBook Book => _book ?? throw new InvalidOperationException("the scheduler is not running");

    private ValueTask OnAppEventAsync(DaemonEvent daemonEvent, CancellationToken cancellationToken)
    {
        var removed = daemonEvent.Topic == "app:removed"
            ? daemonEvent.Payload.Deserialize(ContractsJsonContext.Default.AppEvent)?.Name
            : null;
        return new ValueTask(ReconcileAsync(removed, cancellationToken));
    }

    private ValueTask OnProcessEventAsync(DaemonEvent daemonEvent, CancellationToken cancellationToken)
    {
        if (daemonEvent.Payload.Deserialize(ContractsJsonContext.Default.ProcessEvent) is not { } processEvent)
        {
            return ValueTask.CompletedTask;
        }

        if (daemonEvent.Topic == "process:exit")
        {
            Book.Find(processEvent.Name)?.Post(new ScheduleMessage.Exited(processEvent.ExitCode, processEvent.Signal, processEvent.At));
            return ValueTask.CompletedTask;
        }

        // A reload or a new start may have changed the app's schedule.
        return daemonEvent.Topic == "process:starting" ? new ValueTask(ReconcileAsync(null, cancellationToken)) : ValueTask.CompletedTask;
    }

    private Task ReconcileAsync(string? removed, CancellationToken cancellationToken)
    {
        var configs = _manager!.Resolve(["all"]).Select(instance => instance.Config).ToList();
        return Book.ReconcileAsync(configs, removed, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _book, null) is { } book)
        {
            await book.DisposeAsync().ConfigureAwait(false);
        }

        await context.Store.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
