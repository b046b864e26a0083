using System.Globalization;
using System.Text.Json;
using OpenDaemon.Config.Validation;
using OpenDaemon.Contracts;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Reads the typed fields of one JSON object and records a problem for each bad value instead of
/// stopping. Every key read counts as known, so <see cref="Finish"/> can report the rest as
/// unknown with a "did you mean" against exactly the keys valid at this level. A JSON
/// <c>null</c> is treated as "not set" (JS configs often write <c>undefined</c>/<c>null</c>).
/// </summary>
internal sealed partial class ObjectReader(JsonElement element, string path, MappingContext context)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public MappingContext Context { get; } = context;

    public string PathOf(string key) => JsonPath.Member(Path, key);

    /// <summary>Marks keys as known without reading them (read elsewhere, or accepted and ignored).</summary>
    public void Accept(params string[] keys) => _known.UnionWith(keys);

    public bool Has(string key) => Get(key) is not null;

    public JsonElement? Get(string key)
    {
        _known.Add(key);
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        FieldSupportCheck.Check(Context, PathOf(key), key, value);
        return value;
    }

    public string? String(string key, bool required = false)
    {
        var value = Get(key);
        if (value is null)
        {
            if (required)
            {
                Context.Problem(PathOf(key), $"'{key}' is required", expected: "a string");
            }

            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            return Invalid<string>(key, value.Value, "a string");
        }

        var text = value.Value.GetString()!;
        if (required && text.Trim().Length == 0)
        {
            Context.Problem(PathOf(key), $"'{key}' must not be empty", "\"\"", "a non-empty string");
            return null;
        }

        return text;
    }

    /// <summary>A string, or a number written without quotes (uid: 1000).</summary>
    public string? StringOrNumber(string key, string expected)
    {
        var value = Get(key);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Number when value.Value.TryGetInt64(out var number) && number >= 0 => number.ToString(CultureInfo.InvariantCulture),
            _ => Invalid<string>(key, value.Value, expected),
        };
    }

    public bool? Bool(string key)
    {
        var value = Get(key);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => InvalidStruct<bool>(key, value.Value, "true or false"),
        };
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        var expected = Range("a whole number", min, max);
        return TryInt(value.Value, out var number) && number >= min && number <= max
            ? number
            : InvalidStruct<int>(key, value.Value, expected);
    }

    public double? Number(string key, double min = double.MinValue, double max = double.MaxValue, bool exclusiveMin = false)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        var ok = value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDouble(out var number)
            && (exclusiveMin ? number > min : number >= min) && number <= max;
        if (ok)
        {
            return value.Value.GetDouble();
        }

        var lower = exclusiveMin ? $"> {Format(min)}" : $"≥ {Format(min)}";
        var expected = max < double.MaxValue ? $"a number {lower} and ≤ {Format(max)}" : min > double.MinValue ? $"a number {lower}" : "a number";
        return InvalidStruct<double>(key, value.Value, expected);
    }

    public TimeSpan? Duration(string key, bool numberIsSeconds = false)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        var unit = numberIsSeconds ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(1);
        var expected = numberIsSeconds
            ? "a duration like \"7d\" or a number of seconds"
            : "a duration like \"30s\" or a number of milliseconds";
        return Units.TryParseDuration(value.Value, unit, out var duration) ? duration : InvalidStruct<TimeSpan>(key, value.Value, expected);
    }

    public long? Size(string key) => Get(key) is { } value
        ? Units.TryParseSize(value, out var bytes) ? bytes : InvalidStruct<long>(key, value, "a size like \"512M\" or a number of bytes")
        : null;

    public T? Enum<T>(string key)
        where T : struct, Enum
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.String && EnumNames<T>.TryParse(value.Value.GetString()!, out var parsed))
        {
            return parsed;
        }

        var hint = value.Value.ValueKind == JsonValueKind.String ? EnumNames<T>.DidYouMean(value.Value.GetString()!) : string.Empty;
        var found = Describe(value.Value);
        Context.Problem(PathOf(key), $"expected {EnumNames<T>.Expected}, found {found}{hint}", found, EnumNames<T>.Expected);
        return null;
    }

    public T? Object<T>(string key, Func<ObjectReader, T> map)
        where T : class?
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.Object ? Read(value.Value, PathOf(key), Context, map) : Invalid<T>(key, value.Value, "an object");
    }

    public IReadOnlyList<T>? ObjectList<T>(string key, Func<ObjectReader, T> map)
        where T : class
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            return Invalid<IReadOnlyList<T>>(key, value.Value, "a list of objects");
        }

        var items = new List<T>();
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            var itemPath = JsonPath.Index(PathOf(key), index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                Context.Problem(itemPath, $"expected an object, found {Describe(item)}", Describe(item), "an object");
                continue;
            }

            items.Add(Read(item, itemPath, Context, map));
        }

        return items;
    }

    /// <summary>Reads a nested object with its own reader, then reports its unknown keys.</summary>
    public static T Read<T>(JsonElement element, string path, MappingContext context, Func<ObjectReader, T> map)
    {
        var reader = new ObjectReader(element, path, context);
        var result = map(reader);
        reader.Finish();
        return result;
    }

    /// <summary>Reports every key that no read asked for.</summary>
    public void Finish()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                var hint = Suggestions.DidYouMean(property.Name, _known);
                Context.Problem(PathOf(property.Name), $"unknown key '{property.Name}'{hint}", property.Name,
                    hint.Length > 0 ? Suggestions.Closest(property.Name, _known) : null);
            }
        }
    }

    public T? Invalid<T>(string key, JsonElement value, string expected)
        where T : class?
    {
        Report(PathOf(key), value, expected);
        return null;
    }

    public T? InvalidStruct<T>(string key, JsonElement value, string expected)
        where T : struct
    {
        Report(PathOf(key), value, expected);
        return null;
    }

    public void Report(string path, JsonElement value, string expected)
    {
        var found = Describe(value);
        Context.Problem(path, $"expected {expected}, found {found}", found, expected);
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => value.GetRawText(),
    };

    public static string Quote(string text) => "\"" + (text.Length > 60 ? text[..57] + "..." : text) + "\"";

    internal static bool TryInt(JsonElement value, out int number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out number);
    }

    private static string Range(string what, int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => what,
        (_, int.MaxValue) => $"{what} ≥ {min}",
        _ => $"{what} from {min} to {max}",
    };

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
