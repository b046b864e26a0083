using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Plugins.ProcessManager.Dependencies;

/// <summary>
/// The apps' <c>dependencies</c> as a graph (spec §3.8): checks (unknown names, cycles named in
/// full), what an app needs first (in start order), and who depends on an app (in stop order).
/// Built from a snapshot of configurations each time it is needed: graphs are small.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, ProcessConfig> _apps;

    public DependencyGraph(IEnumerable<ProcessConfig> apps) =>
        _apps = apps.DistinctBy(app => app.Name).ToDictionary(app => app.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ProcessConfig> Apps => _apps.Values;

    /// <summary>CONFIG_VALIDATION_ERROR for a dependency on an unknown app or a cycle (named: <c>a → b → a</c>).</summary>
    public void Check()
    {
        foreach (var app in _apps.Values)
        {
            if (app.Dependencies.FirstOrDefault(dependency => !_apps.ContainsKey(dependency)) is { } unknown)
            {
                throw new DaemonException(ErrorCode.ConfigValidationError, $"app {app.Name} depends on unknown app \"{unknown}\"", $"start {unknown} first or remove it from {app.Name}'s dependencies");
            }
        }

        if (Cycle() is { } cycle)
        {
            throw new DaemonException(ErrorCode.ConfigValidationError, $"dependency cycle: {string.Join(" → ", cycle)}", "remove one of these dependencies");
        }
    }

    /// <summary>One cycle as a path that ends where it starts, or null.</summary>
    public IReadOnlyList<string>? Cycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var name in _apps.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(name) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string name)
        {
            if (done.Contains(name) || !_apps.TryGetValue(name, out var app))
            {
                return null;
            }

            if (path.IndexOf(name) is var at and >= 0)
            {
                return [.. path.Skip(at), name];
            }

            path.Add(name);
            foreach (var dependency in app.Dependencies)
            {
                if (Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(name);
            return null;
        }
    }

    /// <summary>Everything <paramref name="name"/> needs, directly or not, dependencies before dependents (without the app itself).</summary>
    public IReadOnlyList<string> Needs(string name)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        Walk(name);
        return order;

        void Walk(string current)
        {
            foreach (var dependency in _apps.TryGetValue(current, out var app) ? app.Dependencies : [])
            {
                if (seen.Add(dependency))
                {
                    Walk(dependency);
                    order.Add(dependency);
                }
            }
        }
    }

    /// <summary>Every app that depends on <paramref name="name"/>, directly or not, deepest first (the order to stop them in).</summary>
    public IReadOnlyList<string> Dependents(string name)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([name]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var dependent in _apps.Values.Where(app => app.Dependencies.Contains(current, StringComparer.Ordinal)).Select(app => app.Name))
            {
                if (dependent != name && found.Add(dependent))
                {
                    queue.Enqueue(dependent);
                }
            }
        }

        var levels = Levels();
        return [.. found.OrderByDescending(app => levels.GetValueOrDefault(app)).ThenBy(app => app, StringComparer.Ordinal)];
    }

    /// <summary>The depth of each app: 0 without dependencies, else one more than its deepest dependency.</summary>
    public IReadOnlyDictionary<string, int> Levels()
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in _apps.Keys)
        {
            Level(name, 0);
        }

        return levels;

        int Level(string name, int depth)
        {
            if (levels.TryGetValue(name, out var known))
            {
                return known;
            }

            var app = _apps.GetValueOrDefault(name);
            var level = app is null || depth > _apps.Count ? 0 : app.Dependencies.Select(d => Level(d, depth + 1) + 1).DefaultIfEmpty(0).Max();
            levels[name] = level;
            return level;
        }
    }
}
