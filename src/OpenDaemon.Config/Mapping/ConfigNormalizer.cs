using System.Text.Json.Nodes;
using OpenDaemon.Config.Pm2;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Turns any parsed file into our canonical tree before mapping: a bare PM2 list of apps becomes
/// <c>{ apps: [...] }</c>, PM2 names are translated, the <c>--env</c> block is selected, and
/// <c>defaults</c> are merged into each app. Works on a mutable <see cref="JsonNode"/> tree.
/// </summary>
internal static class ConfigNormalizer
{
    public static JsonNode? Normalize(JsonNode? root, string? environment, MappingContext context, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? appFields = null)
    {
        if (root is JsonArray list)
        {
            // PM2 accepts a JSON file that is just the list of apps.
            root = new JsonObject { ["apps"] = list.DeepClone() };
            context.Alias("apps", string.Empty);
        }

        if (root is not JsonObject config)
        {
            return root;
        }

        if (IsSingleApp(config))
        {
            // PM2 also accepts a file that is one app: module.exports = { name, script }.
            config = new JsonObject { ["apps"] = new JsonArray(config.DeepClone()) };
            context.Alias("apps[0]", string.Empty);
        }

        if (config.ContainsKey("deploy"))
        {
            config.Remove("deploy");
            context.Warn("deploy", "PM2's top-level 'deploy' (deployment over SSH) is not supported and is ignored; an app's own 'deploy' configures its rollout strategy");
        }

        var selected = false;
        var defaults = config["defaults"] as JsonObject;
        if (defaults is not null)
        {
            Pm2Translator.Translate(defaults, "defaults", context);
            selected |= EnvironmentSelector.Apply(defaults, "defaults", environment, context);
            DefaultsMerger.CheckDefaults(defaults, context);
        }

        if (config["apps"] is JsonArray apps)
        {
            for (var i = 0; i < apps.Count; i++)
            {
                if (apps[i] is not JsonObject app)
                {
                    continue;
                }

                var path = JsonPath.Index("apps", i);
                Pm2Translator.Override(app, appFields);
                Pm2Translator.Translate(app, path, context);
                selected |= EnvironmentSelector.Apply(app, path, environment, context);
                if (defaults is not null)
                {
                    DefaultsMerger.Merge(app, path, defaults, context);
                }
            }
        }

        if (environment is not null && !selected)
        {
            context.Warn(string.Empty, $"no app has an 'env_{environment}' block, so --env {environment} changes nothing");
        }

        return config;
    }

    private static readonly string[] ScriptKeys = ["script", "cmd", "command", "exec"];

    private static bool IsSingleApp(JsonObject config) =>
        !config.ContainsKey("apps") && ScriptKeys.Any(config.ContainsKey);
}
