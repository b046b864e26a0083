using System.Globalization;
using System.Text.Json;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// The settings of an app's effective configuration that <c>od info</c> shows, read from the
/// daemon's JSON (it is a <see cref="JsonElement"/> on the wire: the CLI does not depend on the
/// config model). Durations written as TimeSpan strings become <c>1.6s</c>, sizes become
/// <c>256.0 MB</c>, enum names are spelled as in config files (<c>on-failure</c>).
/// </summary>
internal static class ProcessConfigSummary
{
    private static readonly string[] Keys =
    [
        "script", "cwd", "interpreter", "args", "instances", "autoRestart", "restartStrategy",
        "restartDelay", "maxRestarts", "minUptime", "killTimeout", "maxMemory",
    ];

    public static IReadOnlyList<KeyValuePair<string, string>> Read(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var settings = new List<KeyValuePair<string, string>>(Keys.Length);
        foreach (var key in Keys)
        {
            if (TryGet(config, key, out var value) && Format(key, value) is { } text)
            {
                settings.Add(new(key, text));
            }
        }

        return settings;
    }

    private static bool TryGet(JsonElement config, string key, out JsonElement value)
    {
        if (config.TryGetProperty(key, out value))
        {
            return true;
        }

        foreach (var property in config.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static string? Format(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => FormatString(key, value.GetString()!),
        JsonValueKind.Number when key == "maxMemory" && value.TryGetInt64(out var bytes) => HumanFormat.Bytes(bytes),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? null : string.Join(' ', value.EnumerateArray().Select(Argument)),
        JsonValueKind.Object when key == "instances" => Instances(value),
        JsonValueKind.Object => value.GetRawText(),
        _ => null,
    };

    private static string? FormatString(string key, string text) => key switch
    {
        _ when text.Length == 0 => null,
        // TimeSpan's own JSON form ("00:00:01.6000000"); a bare "5" would parse as five days.
        "restartDelay" or "minUptime" or "killTimeout" when text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => HumanFormat.Interval(span),
        "autoRestart" or "restartStrategy" => ConfigNames.Kebab(text),
        _ => text,
    };

    private static string Instances(JsonElement value)
    {
        if (value.TryGetProperty("isMax", out var isMax) && isMax.ValueKind == JsonValueKind.True)
        {
            return "max";
        }

        return value.TryGetProperty("count", out var count) ? count.GetRawText() : value.GetRawText();
    }

    private static string Argument(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        return text.Length == 0 || text.Any(char.IsWhiteSpace) ? $"\"{text}\"" : text;
    }
}
