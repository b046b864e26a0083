using OpenDaemon.Hosting.Processes;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Launching;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Rpc;
using OpenDaemon.Plugins.ProcessManager.Trees;

namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>
/// The <c>process-manager</c> plugin (spec §3.1): runs apps as instance actors, each in its own
/// session and process group (and, where possible, its own cgroup v2), with restart policies, backoff,
/// readiness and save/resurrect.
/// </summary>
public sealed class ProcessManagerPlugin(ProcessManagerSettings settings) : IPlugin, IProcessManager
{
    /// <summary>The plugin's name, for <see cref="IPluginContext.GetPlugin{T}"/>.</summary>
    public const string PluginName = PluginNames.ProcessManager;

    private ProcessManager? _manager;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => Contracts.ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Starts, stops, restarts and supervises apps";

    /// <inheritdoc />
    public int Priority => 100;

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => [PluginNames.LogManager];

    private ProcessManager Manager => _manager ?? throw new InvalidOperationException("the process manager has not been installed");

    /// <inheritdoc />
    public async ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        if (settings.ReapOrphans)
        {
            ChildReaper.EnableSubreaper();
        }

        var output = context.GetPlugin<IOutputCapture>(PluginNames.LogManager)
            ?? throw new InvalidOperationException("the log-manager plugin is not running");

        // Before any app can start: what a previous daemon of this home left running is ended first (its output kept).
        var trees = RunTreesFactory.Create(settings, context.Logger);
        await OrphanRecovery.EndPreviousAsync(trees, output, context.Logger, context.TimeProvider, cancellationToken).ConfigureAwait(false);

        var preload = settings.NodePreloadPath;
        if (preload is not null)
        {
            NodePreloads.Write(NodePreloads.Cluster, preload);
        }

        if (settings.RuntimeMetrics is { } runtime)
        {
            NodePreloads.Write(NodePreloads.RuntimeMetrics, runtime.PreloadPath);
        }

        var services = new InstanceServices
        {
            Planner = new LaunchPlanner(new LaunchSettings { DaemonEnvironment = LaunchSettings.CaptureDaemonEnvironment(), ShimExecutable = settings.ShimExecutable, NodePreloadPath = preload, RuntimeMetrics = settings.RuntimeMetrics }),
            Spawner = ProcessSpawner.Instance,
            Signaller = ProcessTreeSignaller.Instance,
            Trees = trees,
            Time = context.TimeProvider,
            Events = context.Events,
            Logger = context.Logger,
            NotifyDirectory = settings.NotifyDirectory,
            Health = () => context.GetPlugin<IHealthMonitor>(PluginNames.HealthCheck),
            Output = output,
        };
        _manager = new ProcessManager(services, settings);
        ProcessRpcMethods.Register(context, _manager);
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        if (_manager is { } manager)
        {
            await manager.StopAllAsync(cancellationToken).ConfigureAwait(false);
            await RunTreesFactory.CleanUpAsync(manager.Trees, settings, context.TimeProvider, cancellationToken).ConfigureAwait(false);
            await manager.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Contracts.Processes.ProcessList List() => Manager.List();

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> StartConfiguredAsync(Config.Model.OpenDaemonConfig config, CancellationToken cancellationToken) =>
        Manager.StartConfiguredAsync(config, cancellationToken);

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> ApplyReloadAsync(Config.Model.OpenDaemonConfig config, Contracts.Config.ConfigReloadResult changes, CancellationToken cancellationToken) =>
        Manager.ApplyReloadAsync(config, changes, cancellationToken);

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> ResurrectAsync(CancellationToken cancellationToken) => Manager.ResurrectAsync(cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<ManagedInstance> Resolve(IReadOnlyList<string> targets) => Manager.Resolve(targets);

    /// <inheritdoc />
    public IReadOnlyList<InstanceStatus> Statuses() => Manager.Statuses();

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> StartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => Manager.StartAsync(targets, cancellationToken);

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> StopAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => Manager.StopAsync(targets, cancellationToken);

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> RestartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => Manager.RestartAsync(targets, cancellationToken);

    /// <inheritdoc />
    public Task<Contracts.Processes.ProcessList> ScaleAsync(Contracts.Processes.ProcessScaleParams parameters, CancellationToken cancellationToken) => Manager.ScaleAsync(parameters, cancellationToken);
}
