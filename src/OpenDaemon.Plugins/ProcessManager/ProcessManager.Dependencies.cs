using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager;

// Dependencies (spec §3.8) where they meet the process manager's operations: the waiting line in
// od ls, cascadeStop, od graph. The logic is in Dependencies/.
internal sealed partial class ProcessManager
{
    private ProcessList WithWaits(ProcessList list) =>
        list with { Processes = [.. list.Processes.Select(WithWait)] };

    // "waiting: db not healthy" for an instance that has not started because of its dependencies.
    // Also "reload queued" / "reloaded" for the instances of an app od reload or od scale is changing,
    // where the instance's own actor has nothing to say.
    private ProcessSummary WithWait(ProcessSummary row)
    {
        if (row.Activity is null && _operations.ActivityOf(row.Name, row.Id) is { } activity)
        {
            row = row with { Activity = activity };
        }

        return row.Status is ProcessState.Created or ProcessState.Stopped && _dependencies.Waits.ReasonFor(row.Name) is { } reason
            ? row with { Reason = reason }
            : row;
    }

    // cascadeStop: the dependents of a stopped app that sets it stop first, deepest level first.
    // Stopped apps' pending dependency waits end as well.
    private async Task StopDependentsFirstAsync(IReadOnlyList<InstanceActor> instances, CancellationToken cancellationToken)
    {
        var apps = AppsOf(instances);
        foreach (var app in apps)
        {
            _dependencies.Waits.Cancel(app.Name);
        }

        foreach (var level in _dependencies.StopFirst(apps.Select(app => app.Name).ToHashSet(StringComparer.Ordinal)))
        {
            foreach (var app in level)
            {
                _dependencies.Waits.Cancel(app.Name);
            }

            await Task.WhenAll(level.SelectMany(app => app.Instances).Select(instance => instance.StopAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The dependency graph of every app with its state (<c>od graph</c>).</summary>
    public DependencyGraphInfo Graph()
    {
        var graph = _dependencies.Graph();
        var levels = graph.Levels();
        var rows = List().Processes.ToLookup(row => row.Name, StringComparer.Ordinal);
        return new DependencyGraphInfo([.. graph.Apps.OrderBy(app => levels.GetValueOrDefault(app.Name)).ThenBy(app => app.Name, StringComparer.Ordinal).Select(app =>
        {
            var instances = rows[app.Name].ToList();
            var first = instances.FirstOrDefault();
            return new DependencyNode
            {
                Name = app.Name,
                Level = levels.GetValueOrDefault(app.Name),
                Dependencies = app.Dependencies,
                Status = first?.Status ?? ProcessState.Created,
                Health = first?.Health,
                Reason = first?.Reason,
                CascadeStop = app.CascadeStop,
                CascadeRestart = app.CascadeRestart,
            };
        })]);
    }
}
