using System.Globalization;
using System.Text.Json;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>List and dictionary fields.</summary>
internal sealed partial class ObjectReader
{
    /// <summary>
    /// A list of strings. A single string is accepted as a one-item list, or, with
    /// <paramref name="splitString"/>, split like a shell would ("--port 80 'a b'"), as PM2 does for args.
    /// </summary>
    public IReadOnlyList<string>? StringList(string key, bool splitString = false)
    {
        var value = Get(key);
        switch (value?.ValueKind)
        {
            case null:
                return null;
            case JsonValueKind.String:
                var text = value.Value.GetString()!;
                return splitString ? ArgumentSplitter.Split(text) : [text];
            case JsonValueKind.Array:
                var items = new List<string>();
                var index = 0;
                foreach (var item in value.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        items.Add(item.GetString()!);
                    }
                    else if (item.ValueKind == JsonValueKind.Number)
                    {
                        // args: ["--port", 8080] is common in JS configs.
                        items.Add(item.GetRawText());
                    }
                    else
                    {
                        Report(JsonPath.Index(PathOf(key), index), item, "a string");
                    }

                    index++;
                }

                return items;
            default:
                return Invalid<IReadOnlyList<string>>(key, value.Value, "a list of strings");
        }
    }

    public IReadOnlyList<double>? NumberList(string key, double min, double max, bool single)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        var expected = $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        if (single && value.Value.ValueKind == JsonValueKind.Number)
        {
            return value.Value.GetDouble() is var one && one >= min && one <= max ? [one] : InvalidList(key, value.Value, expected);
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            return Invalid<IReadOnlyList<double>>(key, value.Value, single ? $"{expected} or a list of them" : $"a list of numbers");
        }

        var items = new List<double>();
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.GetDouble() is var number && number >= min && number <= max)
            {
                items.Add(number);
            }
            else
            {
                Report(JsonPath.Index(PathOf(key), index), item, expected);
            }

            index++;
        }

        return items;
    }

    /// <summary>A map of string values; numbers and booleans are written as text (headers, labels).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            return Invalid<IReadOnlyDictionary<string, string>>(key, value.Value, "an object of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.Value.EnumerateObject())
        {
            if (ScalarText(property.Value) is { } text)
            {
                map[property.Name] = text;
            }
            else
            {
                Report(JsonPath.Member(PathOf(key), property.Name), property.Value, "a string");
            }
        }

        return map;
    }

    /// <summary>Environment variables: strings (numbers and booleans as text) or <c>{ "secret": "name" }</c>.</summary>
    public IReadOnlyDictionary<string, EnvValue>? EnvMap(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            return Invalid<IReadOnlyDictionary<string, EnvValue>>(key, value.Value, "an object of environment variables");
        }

        var env = new Dictionary<string, EnvValue>(StringComparer.Ordinal);
        foreach (var property in value.Value.EnumerateObject())
        {
            var path = JsonPath.Member(PathOf(key), property.Name);
            if (property.Name.Length == 0 || property.Name.Contains('=', StringComparison.Ordinal))
            {
                Context.Problem(path, $"invalid environment variable name {Quote(property.Name)}", Quote(property.Name), "a name without '='");
            }
            else if (ReadEnvValue(property.Value, path, Context) is { } envValue)
            {
                env[property.Name] = envValue;
            }
        }

        return env;
    }

    /// <summary>One env-style value: a literal or a secret reference.</summary>
    public static EnvValue? ReadEnvValue(JsonElement value, string path, MappingContext context)
    {
        if (ScalarText(value) is { } text)
        {
            return EnvValue.Literal(text);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return Read(value, path, context, reader =>
                reader.String("secret", required: true) is { } name ? EnvValue.Secret(name) : null);
        }

        var found = Describe(value);
        context.Problem(path, $"expected a string or {{ \"secret\": \"name\" }}, found {found}", found, "a string or { \"secret\": \"name\" }");
        return null;
    }

    /// <summary>A path, made absolute against <paramref name="baseDirectory"/>; <c>~/</c> means the home directory.</summary>
    public string? FilePath(string key, string baseDirectory) =>
        String(key) is { } path ? MakeAbsolute(path, baseDirectory) : null;

    public static string MakeAbsolute(string path, string baseDirectory)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'));
        }

        return System.IO.Path.GetFullPath(path, baseDirectory);
    }

    private IReadOnlyList<double>? InvalidList(string key, JsonElement value, string expected) =>
        Invalid<IReadOnlyList<double>>(key, value, expected);

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
