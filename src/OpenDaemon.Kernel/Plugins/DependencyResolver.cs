using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>
/// Start order: dependencies first; among plugins whose dependencies are placed, higher priority
/// first, then name (ordinal) so the order is stable. Refuses missing dependencies, cycles (named
/// in the message) and conflicts between enabled plugins.
/// </summary>
internal static class DependencyResolver
{
    public static IReadOnlyList<IPlugin> Resolve(IReadOnlyList<IPlugin> plugins, IReadOnlySet<string> disabled)
    {
        var byName = plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        CheckMissing(plugins, byName);
        CheckConflicts(plugins, disabled);

        var waitingOn = plugins.ToDictionary(p => p.Name, p => p.Dependencies.Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var dependents = plugins
            .SelectMany(p => p.Dependencies.Distinct(StringComparer.Ordinal).Select(d => (Dependency: d, Dependent: p.Name)))
            .ToLookup(x => x.Dependency, x => x.Dependent, StringComparer.Ordinal);
        var ready = new PriorityQueue<IPlugin, IPlugin>(Comparer<IPlugin>.Create(StartsBefore));
        foreach (var plugin in plugins.Where(p => waitingOn[p.Name] == 0))
        {
            ready.Enqueue(plugin, plugin);
        }

        var order = new List<IPlugin>(plugins.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (string dependent in dependents[next.Name])
            {
                if (--waitingOn[dependent] == 0)
                {
                    ready.Enqueue(byName[dependent], byName[dependent]);
                }
            }
        }

        if (order.Count < plugins.Count)
        {
            var cycle = FindCycle(plugins.Where(p => waitingOn[p.Name] > 0).Select(p => p.Name).Order(StringComparer.Ordinal).First(), byName);
            throw new DaemonException(
                ErrorCode.PluginDependencyMissing,
                $"plugin dependency cycle: {string.Join(" → ", cycle)}",
                "remove one of these dependencies; plugins cannot depend on each other in a circle");
        }

        return order;
    }

    private static int StartsBefore(IPlugin a, IPlugin b)
    {
        int byPriority = b.Priority.CompareTo(a.Priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Name, b.Name);
    }

    private static void CheckMissing(IReadOnlyList<IPlugin> plugins, Dictionary<string, IPlugin> byName)
    {
        foreach (var plugin in plugins.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var missing = plugin.Dependencies.Where(d => !byName.ContainsKey(d)).ToList();
            if (missing.Count > 0)
            {
                throw new DaemonException(
                    ErrorCode.PluginDependencyMissing,
                    $"plugin {plugin.Name} depends on {string.Join(", ", missing)}, which {(missing.Count == 1 ? "is" : "are")} not registered",
                    $"install the missing plugin or remove {plugin.Name}");
            }
        }
    }

    private static void CheckConflicts(IReadOnlyList<IPlugin> plugins, IReadOnlySet<string> disabled)
    {
        var enabled = plugins.Where(p => !disabled.Contains(p.Name)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var plugin in enabled.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            string? other = plugin.Conflicts.Where(enabled.ContainsKey).Order(StringComparer.Ordinal).FirstOrDefault();
            if (other is not null)
            {
                throw new DaemonException(
                    ErrorCode.PluginConflict,
                    $"plugins {plugin.Name} and {other} conflict and cannot both be enabled",
                    $"disable one of them: 'od plugin disable {other}'");
            }
        }
    }

    // Depth-first from a node that is part of (or leads into) a cycle; the first node seen twice
    // on the current path closes the cycle.
    private static List<string> FindCycle(string start, Dictionary<string, IPlugin> byName)
    {
        var path = new List<string>();
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        List<string>? Visit(string name)
        {
            if (onPath.TryGetValue(name, out int index))
            {
                return [.. path[index..], name];
            }

            if (!done.Add(name))
            {
                return null;
            }

            onPath[name] = path.Count;
            path.Add(name);
            foreach (string dependency in byName[name].Dependencies.Order(StringComparer.Ordinal))
            {
                if (Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            onPath.Remove(name);
            return null;
        }

        return Visit(start) ?? [start];
    }
}
