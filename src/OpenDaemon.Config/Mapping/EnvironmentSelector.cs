using System.Text.Json.Nodes;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Applies <c>--env NAME</c> the PM2 way: an object's <c>env_NAME</c> block is merged over its
/// <c>env</c>; every other <c>env_*</c> block is dropped.
/// </summary>
internal static class EnvironmentSelector
{
    /// <summary>Returns true when <paramref name="target"/> had a block for <paramref name="environment"/>.</summary>
    public static bool Apply(JsonObject target, string path, string? environment, MappingContext context)
    {
        var found = false;
        foreach (var key in target.Select(p => p.Key).Where(k => k.StartsWith("env_", StringComparison.Ordinal)).ToArray())
        {
            var block = target[key];
            target.Remove(key);
            if (environment is null || !string.Equals(key["env_".Length..], environment, StringComparison.Ordinal))
            {
                continue;
            }

            found = true;
            if (block is not JsonObject selected)
            {
                context.Problem(JsonPath.Member(path, key), "expected an object of environment variables", found: "not an object", expected: "an object");
                continue;
            }

            if (target["env"] is not JsonObject env)
            {
                env = new JsonObject();
                target["env"] = env;
            }

            foreach (var (name, value) in selected)
            {
                env[name] = value?.DeepClone();
                context.Alias(JsonPath.Member(JsonPath.Member(path, "env"), name), JsonPath.Member(JsonPath.Member(path, key), name));
            }
        }

        return found;
    }
}
