using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Registry;

namespace OpenDaemon.Plugins.ProcessManager.Rolling;

/// <summary>
/// process.reload (od reload): apps one after another, each app's instances one at a time. In cluster mode
/// each instance is replaced without downtime by its actor (InstanceReload: the new run starts beside the
/// old one on the shared socket, the old one drains once the new one is ready); the first instance whose
/// new run fails stops the whole reload, so nothing is left half-rotated without saying so, and the old runs
/// of that instance and of every instance after it keep serving. A fork-mode app cannot run two copies on
/// one port, so it is restarted instead, one instance at a time, as PM2 does.
/// </summary>
/// <remarks>
/// Concurrency: the app's slot in <see cref="AppOperations"/> keeps a second reload or a scale of the same
/// apps out for the whole run; each step waits for its instance's actor, one at a time.
/// </remarks>
internal sealed class RollingReload(AppOperations operations)
{
    /// <summary>Reloads the targeted instances of their apps; returns the notes for the answer.</summary>
    /// <param name="apps">The apps, in the order they reload.</param>
    /// <param name="instances">The instances to reload (of those apps).</param>
    /// <param name="takeEnvironment">Applies --update-env once the apps' slots are taken (null: no change).</param>
    /// <param name="cancellationToken">Stops waiting (the instance being reloaded finishes its step).</param>
    /// <exception cref="DaemonException">RELOAD_FAILED at the first instance that failed; OPERATION_IN_PROGRESS.</exception>
    public async Task<List<string>> RunAsync(IReadOnlyList<ManagedApp> apps, IReadOnlyList<InstanceActor> instances, Action? takeEnvironment, CancellationToken cancellationToken)
    {
        using var operation = operations.Begin([.. apps.Select(app => app.Name)], "reload");
        foreach (var instance in instances)
        {
            operation.Show(instance.Id, "reload queued");
        }

        takeEnvironment?.Invoke();
        List<string> notes = [];
        List<string> reloaded = [];
        foreach (var app in apps)
        {
            var targeted = app.Instances.Where(instances.Contains).ToList();
            var cluster = app.Config.Mode == ExecMode.Cluster;
            for (var step = 0; step < targeted.Count; step++)
            {
                var instance = targeted[step];
                operation.Progress = $"{app.Name}: instance {step + 1} of {targeted.Count} (id {instance.Id})";
                var failure = cluster
                    ? await ReloadOneAsync(instance, operation, notes, cancellationToken).ConfigureAwait(false)
                    : await RestartOneAsync(instance, operation, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    throw ReloadFailed(app, targeted, step, failure, reloaded);
                }
            }

            reloaded.Add(app.Name);
            if (!cluster)
            {
                notes.Add($"{app.Name}: fork mode: restarted (a zero-downtime reload needs mode: cluster, where the instances share one port)");
            }
        }

        return notes;
    }

    // One cluster-mode instance: its actor replaces the run; an instance that is not online has nothing to
    // keep serving and is restarted. Returns why it failed, or null.
    private static async Task<string?> ReloadOneAsync(InstanceActor instance, AppOperation operation, List<string> notes, CancellationToken cancellationToken)
    {
        operation.Show(instance.Id, "reloading");
        var outcome = await instance.ReloadAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        switch (outcome.Result)
        {
            case ReloadResult.Reloaded:
                operation.Show(instance.Id, "reloaded");
                return null;
            case ReloadResult.NotOnline:
                var state = InstanceActor.StateName(outcome.Snapshot.State);
                notes.Add($"{outcome.Snapshot.Name} [{instance.Id}] was {state}, with nothing to keep serving: restarted");
                return await RestartOneAsync(instance, operation, cancellationToken).ConfigureAwait(false);
            case ReloadResult.Busy:
                return $"a reload of this instance is already in progress ({outcome.Reason})";
            default:
                return outcome.Reason;
        }
    }

    private static async Task<string?> RestartOneAsync(InstanceActor instance, AppOperation operation, CancellationToken cancellationToken)
    {
        operation.Show(instance.Id, "restarting (reload)");
        var snapshot = await instance.RestartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.State != ProcessState.Online)
        {
            return $"it did not come back online after the restart: {InstanceActor.StateName(snapshot.State)}{(snapshot.Reason is { } reason ? $" ({reason})" : "")}";
        }

        operation.Show(instance.Id, "restarted");
        return null;
    }

    private static DaemonException ReloadFailed(ManagedApp app, List<InstanceActor> targeted, int step, string failure, List<string> reloadedApps)
    {
        var instance = targeted[step];
        var done = step == 0 ? "no instance of it was reloaded before" : $"reloaded before it: {Ids(targeted.Take(step))}";
        var untouched = step == targeted.Count - 1 ? "" : $"; not touched: {Ids(targeted.Skip(step + 1))}";
        var before = reloadedApps.Count == 0 ? "" : $" (apps reloaded before: {string.Join(", ", reloadedApps)})";
        var serving = app.Config.Mode == ExecMode.Cluster ? "; the old runs still serve" : "";
        return new DaemonException(
            ErrorCode.ReloadFailed,
            $"reload of {app.Name} stopped at instance {instance.Instance} (id {instance.Id}): {failure}; {done}{untouched}{serving}{before}",
            $"see why with 'od logs {app.Name} --lines 50', fix it, then 'od reload {app.Name}' again");
    }

    private static string Ids(IEnumerable<InstanceActor> instances) =>
        string.Join(", ", instances.Select(instance => $"instance {instance.Instance} (id {instance.Id})"));
}
