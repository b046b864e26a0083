using System.Globalization;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Registry;

/// <summary>
/// The apps the daemon manages and their instance ids. Instance state lives in the actors; this
/// table only changes when apps are added or deleted, under <see cref="Gate"/>, which commands
/// that add or remove apps hold so that two of them cannot interleave.
/// </summary>
internal sealed class ProcessTable(InstanceServices services)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ManagedApp> _apps = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>Held by commands that add or remove apps.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public IReadOnlyList<ManagedApp> Apps
    {
        get
        {
            lock (_lock)
            {
                return [.. _apps.Values];
            }
        }
    }

    /// <summary>Every instance, ordered by id.</summary>
    public IReadOnlyList<InstanceActor> Instances => [.. Apps.SelectMany(app => app.Instances).OrderBy(instance => instance.Id)];

    public int NextId
    {
        get
        {
            lock (_lock)
            {
                return _nextId;
            }
        }
    }

    public ManagedApp? Find(string name)
    {
        lock (_lock)
        {
            return _apps.GetValueOrDefault(name);
        }
    }

    /// <summary>Adds an app with <paramref name="count"/> instances (actors created, not started).</summary>
    /// <param name="config">The app's configuration.</param>
    /// <param name="overrides">Its environment overrides.</param>
    /// <param name="count">Number of instances.</param>
    /// <param name="ids">Ids to reuse (resurrect); new ones are allocated otherwise.</param>
    public ManagedApp Add(ProcessConfig config, IReadOnlyDictionary<string, string> overrides, int count, IReadOnlyList<int>? ids = null)
    {
        var app = new ManagedApp(config, overrides);
        lock (_lock)
        {
            List<InstanceActor> instances = [];
            for (var instance = 0; instance < count; instance++)
            {
                var id = ids is not null && instance < ids.Count ? ids[instance] : _nextId;
                _nextId = Math.Max(_nextId, id + 1);
                instances.Add(new InstanceActor(services, id, instance, config, overrides, count));
            }

            app.SetInstances(instances);
            _apps.Add(config.Name, app);
        }

        // The scheduler (and later plugins) learn of apps that were registered without being started.
        services.Events.Publish("app:added", new AppEvent(config.Name), ContractsJsonContext.Default.AppEvent);
        return app;
    }

    /// <summary>
    /// od scale up: <paramref name="added"/> new instances of <paramref name="app"/> with the next indexes and
    /// new ids (actors created, not started); <paramref name="config"/> is the app's configuration with the new
    /// count. The caller holds <see cref="Gate"/>.
    /// </summary>
    public IReadOnlyList<InstanceActor> Grow(ManagedApp app, ProcessConfig config, int added)
    {
        var current = app.Instances;
        var count = current.Count + added;
        List<InstanceActor> created = [];
        lock (_lock)
        {
            for (var instance = current.Count; instance < count; instance++)
            {
                created.Add(new InstanceActor(services, _nextId++, instance, config, app.Overrides, count));
            }

            app.SetInstances([.. current, .. created]);
        }

        app.Update(config, app.Overrides); // the others learn the new count (NODE_APP_INSTANCE stays theirs)
        return created;
    }

    /// <summary>
    /// od scale down: forgets <paramref name="removed"/> (already stopped and ended) and gives the app
    /// <paramref name="config"/>, its configuration with the new count. The caller holds <see cref="Gate"/>.
    /// </summary>
    public void Shrink(ManagedApp app, ProcessConfig config, IReadOnlyCollection<InstanceActor> removed)
    {
        lock (_lock)
        {
            app.SetInstances([.. app.Instances.Where(instance => !removed.Contains(instance))]);
        }

        app.Update(config, app.Overrides);
    }

    public void Remove(ManagedApp app)
    {
        lock (_lock)
        {
            _apps.Remove(app.Name);

            // As PM2 (God.deleteProcessId): once the list is empty, ids start again from 0.
            if (_apps.Count == 0)
            {
                _nextId = 0;
            }
        }

        services.Events.Publish("app:removed", new AppEvent(app.Name), ContractsJsonContext.Default.AppEvent);
    }

    /// <summary>Raises the next id to at least <paramref name="nextId"/> (resurrected apps keep their ids; new ones come after).</summary>
    public void ReserveIds(int nextId)
    {
        lock (_lock)
        {
            _nextId = Math.Max(_nextId, nextId);
        }
    }

    /// <summary>
    /// The instances that <paramref name="targets"/> name: <c>all</c>, app names, instance ids,
    /// namespaces (PM2's <c>namespace</c>; an app name wins over a namespace of the same name), or
    /// comma lists of those. Every target must match something; the first that does not is the error.
    /// </summary>
    public IReadOnlyList<InstanceActor> Resolve(IReadOnlyList<string> targets)
    {
        if (targets.All(string.IsNullOrWhiteSpace))
        {
            throw new DaemonException(ErrorCode.InvalidParams, "no app, id or 'all' was named", "for example: od stop api, od stop 3, od stop all");
        }

        var all = Instances;
        var found = new SortedDictionary<int, InstanceActor>();
        foreach (var target in targets.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var matches = target == "all" ? all
                : int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? all.Where(instance => instance.Id == id).ToList()
                : ByNameOrNamespace(all, target);
            if (matches.Count == 0 && target != "all")
            {
                throw NotFound(target);
            }

            foreach (var match in matches)
            {
                found[match.Id] = match;
            }
        }

        return [.. found.Values];
    }

    private static List<InstanceActor> ByNameOrNamespace(IReadOnlyList<InstanceActor> all, string target)
    {
        var byName = all.Where(instance => instance.Snapshot.Name == target).ToList();
        return byName.Count > 0 ? byName : [.. all.Where(instance => instance.Snapshot.Config.Namespace == target)];
    }

    public static DaemonException NotFound(string target) => new(
        ErrorCode.ProcessNotFound,
        $"no app, id or namespace '{target}'",
        "see the names and ids with 'od ls'");
}
