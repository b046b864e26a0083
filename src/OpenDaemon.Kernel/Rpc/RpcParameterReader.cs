using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Rpc;

/// <summary>
/// Reads an RPC method's parameters so that whatever a caller sends is either a well-formed value
/// or an INVALID_PARAMS <see cref="DaemonException"/> naming the parameter at fault: a missing
/// required member, a null where a value is needed (also inside an array or a map), a wrong JSON
/// type, or <c>params</c> that are not an object. Handlers then never see half-built parameters,
/// so a bad request cannot throw inside a plugin and count against its circuit breaker.
/// </summary>
/// <remarks>
/// Members the parameter type does not know are ignored (JSON-RPC callers may be newer than the
/// daemon). Absent and null <c>params</c> read as <c>{}</c>. Range checks that depend on the method
/// stay with the method; it reports them through <see cref="Invalid"/> so every message has one shape.
/// </remarks>
public static class RpcParameterReader
{
    // Strict copies of the callers' (source-generated) options: required constructor parameters and
    // non-nullable members are enforced by the serializer. One copy per options instance.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = [];

    /// <summary>Reads <paramref name="call"/>'s parameters as <typeparamref name="T"/>.</summary>
    /// <param name="call">The call.</param>
    /// <param name="typeInfo">The parameters' source-generated type.</param>
    /// <param name="example">Well-formed parameters, shown as the hint of an error.</param>
    /// <exception cref="DaemonException">INVALID_PARAMS naming the parameter at fault.</exception>
    public static T Read<T>(RpcCall call, JsonTypeInfo<T> typeInfo, string? example = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var strict = (JsonTypeInfo<T>)Strict(typeInfo.Options).GetTypeInfo(typeof(T));
        var hint = example is null ? null : $"for example: {example}";
        var parameters = ObjectOf(call, hint);
        List<JsonPropertyInfo>? emptyCollections = null;
        foreach (var property in strict.Properties)
        {
            if (CheckMember(call, parameters, property, hint))
            {
                (emptyCollections ??= []).Add(property);
            }
        }

        if (emptyCollections is not null)
        {
            parameters = WithEmptyCollections(parameters, emptyCollections);
        }

        try
        {
            return parameters.Deserialize(strict) ?? throw Invalid(call, "params", "must be a JSON object", hint);
        }
        catch (JsonException error)
        {
            var name = NameFromPath(error.Path);
            var property = strict.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            throw Invalid(call, name ?? "params", property is null ? "has a wrong type or value" : $"must be {Describe(property.PropertyType)}", hint);
        }
    }

    /// <summary>
    /// For methods without parameters: absent, null or an object (whose members are ignored) is
    /// fine; anything else is INVALID_PARAMS.
    /// </summary>
    public static void ReadNone(RpcCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _ = ObjectOf(call, hint: null);
    }

    /// <summary>The INVALID_PARAMS error for <paramref name="parameter"/>, in the shape every method uses.</summary>
    /// <param name="call">The call at fault.</param>
    /// <param name="parameter">The parameter's wire name (camelCase).</param>
    /// <param name="problem">What is wrong, completing "'parameter' ...": "is missing", "must be from 1 to 10".</param>
    /// <param name="hint">How to fix it; by default a pointer at a CLI/daemon version mismatch.</param>
    public static DaemonException Invalid(RpcCall call, string parameter, string problem, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new DaemonException(
            ErrorCode.InvalidParams,
            $"{call.Method}: parameter '{parameter}' {problem}",
            hint ?? "the CLI and the daemon may be different versions: run 'od daemon restart'");
    }

    private static JsonElement ObjectOf(RpcCall call, string? hint) => call.Params switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => EmptyObject(),
        { ValueKind: JsonValueKind.Object } parameters => parameters,
        { } other => throw Invalid(call, "params", $"must be a JSON object, not {Kind(other.ValueKind)}", hint),
    };

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    // True when the member is absent and must read as an empty list or map.
    private static bool CheckMember(RpcCall call, JsonElement parameters, JsonPropertyInfo property, string? hint)
    {
        var required = property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false };
        var nullable = property.AssociatedParameter?.IsNullable ?? property.IsSetNullable;
        if (!parameters.TryGetProperty(property.Name, out var value))
        {
            // The source generator builds init-only members with an object initializer, so an absent
            // member is null even where the type declares "= []": an absent non-nullable list or map
            // reads as empty, and any other absent non-nullable reference counts as missing.
            var absentIsNull = !nullable && !property.PropertyType.IsValueType;
            if (required || (absentIsNull && !IsCollection(property.PropertyType)))
            {
                throw Invalid(call, property.Name, $"is missing: it must be {Describe(property.PropertyType)}", hint);
            }

            return absentIsNull;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (required || !nullable)
            {
                throw Invalid(call, property.Name, $"is null: it must be {Describe(property.PropertyType)}", hint);
            }

            return false;
        }

        // The serializer does not check the elements of collections for null; our lists and maps
        // hold names, ids and values, none of which may be null.
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.Null))
        {
            throw Invalid(call, property.Name, $"must not contain null: it must be {Describe(property.PropertyType)}", hint);
        }

        if (value.ValueKind == JsonValueKind.Object && IsCollection(property.PropertyType)
            && value.EnumerateObject().Any(member => member.Value.ValueKind == JsonValueKind.Null))
        {
            throw Invalid(call, property.Name, $"must not contain null: it must be {Describe(property.PropertyType)}", hint);
        }

        return false;
    }

    private static JsonElement WithEmptyCollections(JsonElement parameters, List<JsonPropertyInfo> empty)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in parameters.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            foreach (var property in empty)
            {
                writer.WritePropertyName(property.Name);
                if (typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(property.PropertyType))
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static JsonSerializerOptions Strict(JsonSerializerOptions options) =>
        StrictOptions.GetValue(options, static original => new JsonSerializerOptions(original)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        });

    // "$.targets[0]" → "targets"; "$" → null.
    private static string? NameFromPath(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        return end < 0 ? name : name[..end];
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => "a string",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(int) || underlying == typeof(long) => "a whole number",
            _ when underlying == typeof(double) => "a number",
            _ when underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime) => "an ISO 8601 time (\"2026-01-31T12:00:00Z\")",
            _ when typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(underlying) => "an object of string values",
            _ when typeof(IEnumerable<string>).IsAssignableFrom(underlying) => "an array of strings",
            _ when IsCollection(underlying) => "an array",
            _ => "an object",
        };
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString(),
    };
}
