using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Config.Validation;
using OpenDaemon.Contracts.Plugins;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// The one JSON-tree → records mapper every format goes through. Expects the normalized tree
/// (PM2 names translated, environment selected, defaults merged); records every problem.
/// </summary>
internal static class ConfigMapper
{
    public static OpenDaemonConfig Map(JsonElement root, MappingContext context)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            var found = ObjectReader.Describe(root);
            context.Problem(string.Empty, $"expected an object with 'apps', found {found}", found, "an object with 'apps'");
            return OpenDaemonConfig.Empty;
        }

        return ObjectReader.Read(root, string.Empty, context, r =>
        {
            // Already merged into each app by the normalizer; "$schema" is for editors.
            r.Accept("defaults", "$schema");
            var apps = r.ObjectList("apps", ProcessConfigMapper.Map);
            if (apps is null && !r.Has("apps"))
            {
                context.Problem("apps", "no apps defined", null, "a list of apps, each with 'name' and 'script'");
            }
            else if (apps is { Count: 0 })
            {
                context.Problem("apps", "the app list is empty", "[]", "a list of apps, each with 'name' and 'script'");
            }

            return new OpenDaemonConfig
            {
                Daemon = r.Object("daemon", DaemonSettingsMapper.Map) ?? new DaemonSettings(),
                Api = r.Object("api", ApiSettingsMapper.Map),
                Apps = apps ?? [],
                Plugins = Plugins(r),
            };
        });
    }

    private static Dictionary<string, JsonElement> Plugins(ObjectReader r)
    {
        var plugins = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (r.Get("plugins") is not { } section)
        {
            return plugins;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            r.Report(r.PathOf("plugins"), section, "an object of plugin sections");
            return plugins;
        }

        foreach (var plugin in section.EnumerateObject())
        {
            // Each plugin validates its own section; here the name and the shape: an object, or false to disable.
            var path = JsonPath.Member(r.PathOf("plugins"), plugin.Name);
            if (!BuiltInPluginNames.All.Contains(plugin.Name, StringComparer.Ordinal))
            {
                var hint = Suggestions.DidYouMean(plugin.Name, BuiltInPluginNames.All);
                r.Context.Problem(path, $"there is no plugin named '{plugin.Name}'{hint} (plugins: {string.Join(", ", BuiltInPluginNames.All)})",
                    ObjectReader.Quote(plugin.Name), Suggestions.Closest(plugin.Name, BuiltInPluginNames.All) ?? "a built-in plugin's name");
            }
            else if (plugin.Value.ValueKind is JsonValueKind.Object or JsonValueKind.False)
            {
                plugins[plugin.Name] = plugin.Value.Clone();
            }
            else if (plugin.Value.ValueKind is not JsonValueKind.True)
            {
                // true is the default (enabled, default settings): nothing to keep.
                r.Report(path, plugin.Value, "an object (or false to disable the plugin)");
            }
        }

        return plugins;
    }
}
