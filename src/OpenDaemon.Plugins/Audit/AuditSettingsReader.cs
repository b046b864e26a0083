using System.Text.Json;
using OpenDaemon.Contracts;

namespace OpenDaemon.Plugins.Audit;

/// <summary>
/// Reads <c>plugins.audit-logger</c>, collecting every problem (each names its key):
/// <c>{ enabled: true, maxSize: "10M", keep: 10, exclude: ["daemon.ping", "metric.*"] }</c>.
/// </summary>
internal static class AuditSettingsReader
{
    private const string Section = "plugins.audit-logger";
    private static readonly string[] Keys = ["enabled", "maxSize", "keep", "exclude"];

    public static AuditSettings Read(string directory, JsonElement config, List<string> problems)
    {
        var settings = new AuditSettings { Directory = directory };
        if (config.ValueKind != JsonValueKind.Object)
        {
            return settings;
        }

        foreach (var property in config.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
        {
            problems.Add($"{Section}.{property.Name} is not a setting of the audit logger (known: {string.Join(", ", Keys)})");
        }

        if (config.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add($"{Section}.enabled must be true or false");
        }

        if (config.TryGetProperty("maxSize", out var maxSize))
        {
            if (Units.TryParseSize(maxSize, out var bytes) && bytes >= 4096)
            {
                settings = settings with { MaxFileBytes = bytes };
            }
            else
            {
                problems.Add($"{Section}.maxSize must be a size of at least 4K, like \"10M\"");
            }
        }

        if (config.TryGetProperty("keep", out var keep))
        {
            if (keep.ValueKind == JsonValueKind.Number && keep.TryGetInt32(out var count) && count is >= 1 and <= 10_000)
            {
                settings = settings with { Keep = count };
            }
            else
            {
                problems.Add($"{Section}.keep must be a number of files from 1 to 10000");
            }
        }

        if (config.TryGetProperty("exclude", out var exclude))
        {
            if (exclude.ValueKind == JsonValueKind.Array && exclude.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
            {
                settings = settings with { Exclude = [.. exclude.EnumerateArray().Select(item => item.GetString()!)] };
            }
            else
            {
                problems.Add($"{Section}.exclude must be a list of RPC method names or patterns, like [\"daemon.ping\", \"metric.*\"]");
            }
        }

        return settings;
    }
}
