using System.Text.Json;
using OpenDaemon.Config;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Launching;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Monitoring;
using OpenDaemon.Plugins.ProcessManager.Registry;

namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>
/// The process manager's operations, one method per RPC: it resolves targets against the
/// <see cref="ProcessTable"/>, asks the instance actors, and waits for them to settle.
/// </summary>
internal sealed partial class ProcessManager : IProcessManager, IAsyncDisposable
{
    private readonly InstanceServices _services;
    private readonly ProcessManagerSettings _settings;
    private readonly ProcessTable _table;
    private readonly ResourceMonitor _monitor;
    private readonly Dependencies.AppDependencies _dependencies;
    private readonly Rolling.AppOperations _operations = new();

    public ProcessManager(InstanceServices services, ProcessManagerSettings settings)
    {
        _services = services;
        _settings = settings;
        _table = new ProcessTable(services);
        _monitor = new ResourceMonitor(_table, services.Time);
        _dependencies = new Dependencies.AppDependencies(_table, services, (targets, cancellationToken) => RestartAsync(targets, cancellationToken));
        Planner.ClusterSockets.EnableHandoff(new Cluster.HandoffContext(name => _table.Find(name)?.Instances ?? [], services.Time, services.Logger, settings.RequestProxy));
    }

    private LaunchPlanner Planner => _services.Planner;

    /// <summary>The cgroups, markers and run records of every run.</summary>
    public Trees.RunTrees Trees => _services.Trees;

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    public ProcessList List() => WithWaits(ProcessSummaries.List(_table.Instances.Select(instance => instance.Snapshot), _monitor, Now));

    public IReadOnlyList<ManagedInstance> Resolve(IReadOnlyList<string> targets) =>
        [.. _table.Resolve(targets).Select(instance => instance.Snapshot).Select(s => new ManagedInstance(s.Id, s.Instance, s.InstanceCount, s.Config))];

    public ProcessDetailList Info(IReadOnlyList<string> targets)
    {
        var now = Now;
        return new ProcessDetailList([.. _table.Resolve(targets).Select(instance =>
        {
            var snapshot = instance.Snapshot;
            return new ProcessDetail
            {
                Summary = WithWait(ProcessSummaries.From(snapshot, _monitor, now)),
                Config = JsonSerializer.SerializeToElement(snapshot.Config, ConfigJsonContext.Default.ProcessConfig),
                Command = snapshot.Command,
                History = snapshot.History,
                LastExit = snapshot.LastExit,
                Logs = snapshot.Logs,
                Readiness = snapshot.Readiness,
                Health = snapshot.Health,
                Cluster = Cluster.ClusterInfo.Of(snapshot.Config, snapshot.InstanceCount, Planner.ClusterSockets.Find(snapshot.Name)),
            };
        })]);
    }

    public ProcessEnvironment Env(IReadOnlyList<string> targets)
    {
        var snapshot = _table.Resolve(targets)[0].Snapshot;
        var variables = EnvironmentBuilder.Build(
            Planner.Settings.DaemonEnvironment, snapshot.Config, snapshot.Overrides, snapshot.Instance, snapshot.Id, snapshot.Readiness.NotifySocket);
        return new ProcessEnvironment { Name = snapshot.Name, Variables = EnvironmentBuilder.Masked(variables) };
    }

    public async Task<ProcessList> SetAsync(ProcessSetParams parameters, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(parameters.Key) || parameters.Key.Contains('=', StringComparison.Ordinal) || parameters.Key.Contains('\0', StringComparison.Ordinal))
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"'{parameters.Key}' is not a valid environment variable name", "use a name like API_KEY");
        }

        await _table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var apps = AppsOf(_table.Resolve([parameters.Target]));
            foreach (var app in apps)
            {
                var overrides = new Dictionary<string, string>(app.Overrides, StringComparer.Ordinal) { [parameters.Key] = parameters.Value };
                app.Update(app.Config, overrides);
            }

            var notes = apps.Select(app => $"{app.Name}: {parameters.Key} is set; it takes effect at the next restart (od restart {app.Name})").ToList();
            return ProcessSummaries.List(apps.SelectMany(app => app.Instances).Select(instance => instance.Snapshot), _monitor, Now, notes);
        }
        finally
        {
            _table.Gate.Release();
        }
    }

    private List<ManagedApp> AppsOf(IReadOnlyList<InstanceActor> instances) =>
        [.. instances.Select(instance => instance.Snapshot.Name).Distinct(StringComparer.Ordinal).Select(_table.Find).OfType<ManagedApp>()];

    public Task<ProcessSaveResult> SaveAsync(CancellationToken cancellationToken) => Dumps.SaveAsync(cancellationToken);

    /// <summary>PM2's <c>cleardump</c>: dump.json keeps no apps, so a resurrect (or a boot) restores nothing.</summary>
    public Task<ProcessSaveResult> ClearDumpAsync(CancellationToken cancellationToken) => Dumps.ClearDumpAsync(cancellationToken);

    public async Task<ProcessList> ResurrectAsync(CancellationToken cancellationToken)
    {
        var (snapshots, notes) = await Dumps.ResurrectAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now, notes);
    }

    private Persistence.DumpOperations Dumps => new(_table, _settings.DumpPath, _services.Time);

    private Task<IReadOnlyList<string>> ExpandConfigTargetsAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) =>
        Registry.ConfigFileTargets.ExpandAsync(_table, targets, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _dependencies.Dispose();
        await _monitor.DisposeAsync().ConfigureAwait(false);
        Planner.ClusterSockets.Dispose();
    }
}
