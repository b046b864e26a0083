using System.Text.Json.Nodes;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Merges <c>defaults</c> into an app: the app wins; objects (env, healthCheck, ...) merge key by
/// key, lists and scalars are replaced whole. Merged values are aliased to <c>defaults.*</c> so a
/// bad default is reported once, where it was written.
/// </summary>
internal static class DefaultsMerger
{
    private static readonly string[] NotDefaultable = ["name", "script"];

    public static void Merge(JsonObject app, string appPath, JsonObject defaults, MappingContext context) =>
        MergeInto(app, appPath, defaults, "defaults", context);

    public static void CheckDefaults(JsonObject defaults, MappingContext context)
    {
        foreach (var key in NotDefaultable.Where(defaults.ContainsKey))
        {
            context.Problem(JsonPath.Member("defaults", key), $"'{key}' cannot have a default: it differs per app", null, "set it in each app");
            defaults.Remove(key);
        }
    }

    private static void MergeInto(JsonObject target, string targetPath, JsonObject source, string sourcePath, MappingContext context)
    {
        foreach (var (key, value) in source)
        {
            var targetKeyPath = JsonPath.Member(targetPath, key);
            var sourceKeyPath = JsonPath.Member(sourcePath, key);
            if (!target.TryGetPropertyValue(key, out var existing))
            {
                target[key] = value?.DeepClone();
                context.Alias(targetKeyPath, sourceKeyPath);
            }
            else if (existing is JsonObject targetObject && value is JsonObject sourceObject)
            {
                MergeInto(targetObject, targetKeyPath, sourceObject, sourceKeyPath, context);
            }
        }
    }
}
