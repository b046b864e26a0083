using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Registry;

namespace OpenDaemon.Plugins.ProcessManager.Dependencies;

/// <summary>
/// What the process manager does about <c>dependencies</c>, <c>cascadeStop</c> and <c>cascadeRestart</c>
/// (spec §3.8), in one place: the graph of the apps in the table, the waits of dependents
/// (<see cref="DependencyStarts"/>) and the cascading restarts (<see cref="CascadeRestarts"/>).
/// </summary>
internal sealed class AppDependencies : IDisposable
{
    private readonly ProcessTable _table;
    private readonly CascadeRestarts _cascades;

    public AppDependencies(ProcessTable table, InstanceServices services, Func<IReadOnlyList<string>, CancellationToken, Task> restart)
    {
        _table = table;
        Waits = new DependencyStarts(services.Events, InstancesOf, services.Time, services.Logger);
        _cascades = new CascadeRestarts(services.Events, () => [.. _table.Apps.Select(app => app.Config)], InstancesOf, restart);
    }

    public DependencyStarts Waits { get; }

    /// <summary>The graph of the apps in the table, with <paramref name="adding"/> in place of apps of the same name.</summary>
    public DependencyGraph Graph(IEnumerable<ProcessConfig>? adding = null)
    {
        var added = adding?.ToList() ?? [];
        var names = added.Select(app => app.Name).ToHashSet(StringComparer.Ordinal);
        return new DependencyGraph(_table.Apps.Select(app => app.Config).Where(app => !names.Contains(app.Name)).Concat(added));
    }

    /// <summary>Registered apps start their instances now, or once their dependencies are ready; answers the snapshots as they are now for the waiting ones.</summary>
    public IEnumerable<Task<InstanceSnapshot>> Start(ManagedApp app)
    {
        if (app.Config.Dependencies.Count == 0)
        {
            return app.Instances.Select(instance => instance.StartAsync()).ToList();
        }

        Waits.StartWhenReady(app.Name, app.Config.Dependencies, () => Task.WhenAll(app.Instances.Select(instance => instance.StartAsync())));
        return app.Instances.Select(instance => Task.FromResult(instance.Snapshot)).ToList();
    }

    /// <summary>
    /// <c>od start app</c> of a known app: what it needs and does not run yet starts first (each after
    /// its own dependencies), then the app itself, after them.
    /// </summary>
    public IEnumerable<Task<InstanceSnapshot>> StartWithNeeds(ManagedApp app)
    {
        foreach (var needed in Graph().Needs(app.Name).Select(_table.Find).OfType<ManagedApp>())
        {
            if (needed.Instances.All(instance => instance.Snapshot.State is Contracts.Processes.ProcessState.Created or Contracts.Processes.ProcessState.Stopped or Contracts.Processes.ProcessState.Errored))
            {
                _ = Start(needed);
            }
        }

        return Start(app);
    }

    /// <summary>The apps that stop before <paramref name="stopping"/> because one of them sets <c>cascadeStop</c>, deepest first, grouped by level.</summary>
    public IReadOnlyList<IReadOnlyList<ManagedApp>> StopFirst(IReadOnlyCollection<string> stopping)
    {
        var graph = Graph();
        var levels = graph.Levels();
        return [.. graph.Apps
            .Where(app => stopping.Contains(app.Name) && app.CascadeStop)
            .SelectMany(app => graph.Dependents(app.Name))
            .Where(name => !stopping.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .Select(_table.Find).OfType<ManagedApp>()
            .GroupBy(app => levels.GetValueOrDefault(app.Name))
            .OrderByDescending(level => level.Key)
            .Select(level => (IReadOnlyList<ManagedApp>)[.. level])];
    }

    private IReadOnlyList<InstanceSnapshot>? InstancesOf(string name) =>
        _table.Find(name)?.Instances.Select(instance => instance.Snapshot).ToList();

    public void Dispose()
    {
        _cascades.Dispose();
        Waits.Dispose();
    }
}
