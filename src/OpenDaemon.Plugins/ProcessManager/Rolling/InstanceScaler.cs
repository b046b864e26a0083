using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Registry;

namespace OpenDaemon.Plugins.ProcessManager.Rolling;

/// <summary>
/// process.scale (od scale): an app's instance count changes in place. The instances that stay are not
/// touched; new ones get the next indexes (and, in cluster mode, the app's shared socket, so they serve at
/// once); the highest indexes go, each stopped as a stop would (its stop signal, killTimeout, then SIGKILL),
/// so their in-flight requests finish. The new count becomes the app's configured one, which od save keeps.
/// </summary>
/// <remarks>
/// Concurrency: it holds the table's gate (apps cannot be added or deleted meanwhile) and the app's
/// operation slot (no reload or other scale of the app interleaves).
/// </remarks>
internal sealed class InstanceScaler(ProcessTable table, AppOperations operations)
{
    /// <summary>Scales the app; returns its instances' snapshots afterwards and the note for the answer.</summary>
    public async Task<(InstanceSnapshot[] Snapshots, string Note)> ScaleAsync(ProcessScaleParams parameters, CancellationToken cancellationToken)
    {
        var target = ScaleTarget.Parse(parameters.Instances);
        await table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var app = table.Find(parameters.Target) ?? throw ProcessTable.NotFound(parameters.Target);
            using var operation = operations.Begin([app.Name], "scale");
            var current = app.Instances.Count;
            var count = target.Apply(app.Name, current);
            CheckAutoScaleBounds(app.Config, count);
            var config = app.Config with { Instances = InstanceCount.Fixed(count) };
            string note;
            if (count > current)
            {
                operation.Progress = $"{app.Name}: starting {count - current} new instance(s)";
                await GrowAsync(app, config, count - current, operation, cancellationToken).ConfigureAwait(false);
                note = $"{app.Name}: scaled up from {current} to {count} instances";
            }
            else if (count < current)
            {
                operation.Progress = $"{app.Name}: stopping {current - count} instance(s)";
                await ShrinkAsync(app, config, current - count, operation, cancellationToken).ConfigureAwait(false);
                note = $"{app.Name}: scaled down from {current} to {count} instances (the highest indexes were stopped and removed)";
            }
            else
            {
                app.Update(config, app.Overrides);
                note = $"{app.Name}: already {count} instance{(count == 1 ? "" : "s")}, nothing changed";
            }

            var snapshots = await Task.WhenAll(app.Instances.Select(instance => instance.SyncAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (snapshots, note);
        }
        finally
        {
            table.Gate.Release();
        }
    }

    // An autoscaled app stays within its bounds: a count outside them would be undone at the next metrics pass.
    private static void CheckAutoScaleBounds(ProcessConfig config, int count)
    {
        if (config.Cluster?.AutoScale is { Enabled: true } auto && (count < auto.Min || count > auto.Max))
        {
            throw new DaemonException(
                ErrorCode.InvalidParams,
                $"app {config.Name} autoscales between {auto.Min} and {auto.Max} instances; {count} is outside",
                "scale within cluster.autoScale.min and max, or change them (or set enabled: false) in the config");
        }
    }

    // New instances start when the app runs (any instance up); an app that was stopped gets them stopped too.
    private async Task GrowAsync(ManagedApp app, ProcessConfig config, int added, AppOperation operation, CancellationToken cancellationToken)
    {
        var running = app.Instances.Any(instance => instance.Snapshot.State is ProcessState.Starting or ProcessState.Online or ProcessState.Stopping);
        var created = table.Grow(app, config, added);
        foreach (var instance in created)
        {
            operation.Show(instance.Id, running ? "scaling up: starting" : "scaling up: added stopped");
        }

        await Task.WhenAll(created.Select(instance => running ? instance.StartAsync() : instance.StopAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ShrinkAsync(ManagedApp app, ProcessConfig config, int removed, AppOperation operation, CancellationToken cancellationToken)
    {
        var going = app.Instances.OrderByDescending(instance => instance.Instance).Take(removed).ToList();
        foreach (var instance in going)
        {
            operation.Show(instance.Id, "scaling down: draining");
        }

        await Task.WhenAll(going.Select(instance => instance.StopAsync(StopIntent.Delete))).WaitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(going.Select(instance => instance.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        table.Shrink(app, config, going);
    }
}
