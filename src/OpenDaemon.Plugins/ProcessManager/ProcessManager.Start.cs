using System.Globalization;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager;

// process.start: a known app by name/id, the apps of a config file, or a script. Everything is
// checked (config, scripts, interpreters, privileges, duplicates) before the first app starts, so a
// bad request changes nothing.
internal sealed partial class ProcessManager
{
    private static readonly IReadOnlyDictionary<string, string> NoOverrides = new Dictionary<string, string>(StringComparer.Ordinal);

    public async Task<ProcessList> StartAsync(ProcessStartParams request, CancellationToken cancellationToken)
    {
        if (request.Fields?.Keys.FirstOrDefault(key => !Config.ConfigLoader.IsAppField(key)) is { } unknown)
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"'fields' names '{unknown}', which is not a field of an app", "use ecosystem keys such as max_memory_restart, or ours such as maxMemory (docs/pm2-fields.md)");
        }

        List<Task<InstanceSnapshot>> started;
        List<string> notes = [];
        List<string>? reload = request.Reload ? [] : null;
        IReadOnlyList<string> warnings = [];
        await _table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsKnown(request.Target))
            {
                started = StartKnown(request, notes);
            }
            else
            {
                (var apps, warnings) = await StartRequestResolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
                started = await StartNewAsync(apps, request.SetEnv ?? NoOverrides, request.UpdateEnv, Registry.ConfigFileTargets.IsConfigFileStart(request), notes, reload, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _table.Gate.Release();
        }

        var snapshots = await Task.WhenAll(started).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (reload is { Count: > 0 })
        {
            // startOrReload: the running apps reload after the gate is released (a reload takes a while).
            var reloaded = await ReloadAsync(reload, null, cancellationToken).ConfigureAwait(false);
            notes.AddRange(reloaded.Notes ?? []);
            return new ProcessList
            {
                Processes = [.. snapshots.Select(snapshot => ProcessSummaries.From(snapshot, _monitor, Now)).Concat(reloaded.Processes).OrderBy(row => row.Id)],
                Notes = notes.Count == 0 ? null : notes,
                Warnings = warnings.Count == 0 ? null : warnings,
            };
        }

        return ProcessSummaries.List(snapshots, _monitor, Now, notes) with { Warnings = warnings.Count == 0 ? null : warnings };
    }

    public async Task<ProcessList> StartConfiguredAsync(OpenDaemonConfig config, CancellationToken cancellationToken)
    {
        List<Task<InstanceSnapshot>> started = [];
        List<string> notes = [];
        await _table.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var app in config.Apps.Where(app => _table.Find(app.Name) is null))
            {
                // At daemon start one broken app must not keep the others down: it is registered,
                // and its start fails into "errored" with the reason, visible in od ls.
                started.AddRange(AddAndStart(app, NoOverrides));
            }
        }
        finally
        {
            _table.Gate.Release();
        }

        var snapshots = await Task.WhenAll(started).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ProcessSummaries.List(snapshots, _monitor, Now, notes);
    }

    private bool IsKnown(string target) =>
        _table.Find(target) is not null
        || (int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _table.Instances.Any(instance => instance.Id == id));

    private List<Task<InstanceSnapshot>> StartKnown(ProcessStartParams request, List<string> notes)
    {
        var instances = _table.Resolve([request.Target]);
        if (request.UpdateEnv && request.SetEnv is { Count: > 0 } setEnv)
        {
            foreach (var app in AppsOf(instances))
            {
                app.Update(app.Config, Merge(app.Overrides, setEnv));
            }
        }

        foreach (var instance in instances.Where(instance => instance.Snapshot.State is ProcessState.Online or ProcessState.Starting))
        {
            notes.Add($"{instance.Snapshot.Name} [{instance.Id}] is already {InstanceActor.StateName(instance.Snapshot.State)}");
        }

        // An app with dependencies starts what it needs first (a single instance id starts alone, as asked).
        var withNeeds = AppsOf(instances).Where(app => app.Config.Dependencies.Count > 0 && app.Instances.All(instances.Contains)).ToList();
        return [.. withNeeds.SelectMany(_dependencies.StartWithNeeds), .. instances.Where(instance => !withNeeds.Any(app => app.Instances.Contains(instance))).Select(instance => instance.StartAsync())];
    }

    private async Task<List<Task<InstanceSnapshot>>> StartNewAsync(
        IReadOnlyList<ProcessConfig> apps, IReadOnlyDictionary<string, string> overrides, bool updateEnv, bool restartRunning, List<string> notes, List<string>? reload, CancellationToken cancellationToken)
    {
        foreach (var app in apps)
        {
            if (!restartRunning && _table.Find(app.Name) is { } existing && existing.Instances.Any(IsUp))
            {
                throw new DaemonException(
                    ErrorCode.ProcessAlreadyExists,
                    $"an app named {app.Name} is already running",
                    $"restart it with 'od restart {app.Name}', or choose another name with --name");
            }

            InstanceCountOf(app);
            await Planner.PlanAsync(app, overrides, 0, _table.NextId, null, cancellationToken).ConfigureAwait(false);
        }

        // Apps added later must not name unknown apps or close a cycle with the apps already here.
        _dependencies.Graph(apps).Check();
        List<Task<InstanceSnapshot>> started = [];
        foreach (var app in apps)
        {
            if (_table.Find(app.Name) is { } existing)
            {
                // "Starting an existing stopped app restarts it with its stored config."
                if (updateEnv)
                {
                    existing.Update(existing.Config with { Env = app.Env }, Merge(existing.Overrides, overrides));
                }

                var running = existing.Instances.Any(IsUp);
                if (running && reload is not null)
                {
                    reload.Add(app.Name);
                    notes.Add($"{app.Name} was known and running: reloaded with its stored configuration{(updateEnv ? " and the new environment" : " (pass --update-env to take the new environment)")}");
                    continue;
                }

                var how = running ? "restarted" : "started";
                notes.Add($"{app.Name} was known: {how} with its stored configuration{(updateEnv ? " and the new environment" : " (pass --update-env to take the new environment)")}");

                // PM2's startOrRestart: starting a configuration file again restarts the apps of it that run.
                started.AddRange(existing.Instances.Select(instance => running ? instance.RestartAsync() : instance.StartAsync()));
            }
            else
            {
                started.AddRange(AddAndStart(app, overrides));
            }
        }

        return started;
    }

    private static bool IsUp(InstanceActor instance) => instance.Snapshot.State is ProcessState.Starting or ProcessState.Online or ProcessState.Stopping;

    // A scheduled job (cron with autoRestart: false) is only registered: the scheduler plugin starts its runs.
    // An app with dependencies starts once they are ready (Dependencies/).
    private IEnumerable<Task<InstanceSnapshot>> AddAndStart(ProcessConfig app, IReadOnlyDictionary<string, string> overrides)
    {
        var added = _table.Add(app, overrides, InstanceCountOf(app));
        return Abstractions.ScheduledJobs.IsJob(app) ? [.. added.Instances.Select(instance => Task.FromResult(instance.Snapshot))] : _dependencies.Start(added);
    }

    private int InstanceCountOf(ProcessConfig app)
    {
        var count = app.Instances.Resolve(Planner.Settings.ProcessorCount);
        return count >= 1 ? count : throw new DaemonException(ErrorCode.InvalidParams, $"app {app.Name}: instances must be at least 1, not {count}", "use a number ≥ 1 or \"max\"");
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> added)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }

        return merged;
    }
}
