using OpenDaemon.Config.Mapping;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Validation;

/// <summary>
/// Checks that span apps, after each field was mapped: unique names, and dependencies that name
/// existing apps without cycles. Field-level checks happen while mapping.
/// </summary>
internal static class ConfigValidator
{
    public static void Validate(OpenDaemonConfig config, MappingContext context)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < config.Apps.Count; i++)
        {
            var name = config.Apps[i].Name;
            if (name.Length == 0)
            {
                continue;
            }

            if (firstIndex.TryGetValue(name, out var first))
            {
                context.Problem($"apps[{i}].name", $"duplicate app name \"{name}\" (also apps[{first}])", $"\"{name}\"", "a name used by no other app");
            }
            else
            {
                firstIndex[name] = i;
            }
        }

        for (var i = 0; i < config.Apps.Count; i++)
        {
            var app = config.Apps[i];
            for (var d = 0; d < app.Dependencies.Count; d++)
            {
                var dependency = app.Dependencies[d];
                var path = $"apps[{i}].dependencies[{d}]";
                if (dependency == app.Name)
                {
                    context.Problem(path, $"app \"{app.Name}\" cannot depend on itself", $"\"{dependency}\"", "the name of another app");
                }
                else if (!firstIndex.ContainsKey(dependency))
                {
                    var hint = Suggestions.DidYouMean(dependency, firstIndex.Keys);
                    context.Problem(path, $"unknown app \"{dependency}\"{hint}", $"\"{dependency}\"", "the name of an app in this file");
                }
            }
        }

        ReportCycle(config, firstIndex, context);
    }

    private static void ReportCycle(OpenDaemonConfig config, Dictionary<string, int> indexByName, MappingContext context)
    {
        // 0 = unvisited, 1 = on the current path, 2 = done. One cycle report is enough to act on.
        var state = new int[config.Apps.Count];
        var stack = new List<int>();
        for (var i = 0; i < config.Apps.Count; i++)
        {
            if (Visit(i) is { } cycle)
            {
                var names = string.Join(" → ", cycle.Select(index => config.Apps[index].Name));
                context.Problem($"apps[{cycle[0]}].dependencies", $"dependency cycle: {names}", null, "dependencies without cycles");
                return;
            }
        }

        List<int>? Visit(int index)
        {
            if (state[index] == 2)
            {
                return null;
            }

            if (state[index] == 1)
            {
                return [.. stack.Skip(stack.IndexOf(index)), index];
            }

            state[index] = 1;
            stack.Add(index);
            foreach (var dependency in config.Apps[index].Dependencies)
            {
                if (indexByName.TryGetValue(dependency, out var next) && next != index && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[index] = 2;
            return null;
        }
    }
}
