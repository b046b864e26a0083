using System.Buffers;
using System.Text.Json;

namespace OpenDaemon.Api.Http;

/// <summary>Builds the JSON-RPC <c>params</c> object of a REST call from its route, query and body.</summary>
internal static class JsonParams
{
    /// <summary>An object written by <paramref name="write"/> (between its braces).</summary>
    public static JsonElement Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The members of <paramref name="body"/> (if any), then those <paramref name="write"/> adds (which win).</summary>
    public static JsonElement Merge(JsonElement? body, Action<Utf8JsonWriter> write, params string[] replaced) => Object(writer =>
    {
        if (body is { ValueKind: JsonValueKind.Object } members)
        {
            foreach (var member in members.EnumerateObject().Where(m => !replaced.Contains(m.Name, StringComparer.Ordinal)))
            {
                member.WriteTo(writer);
            }
        }

        write(writer);
    });

    /// <summary><c>"targets": [name]</c>.</summary>
    public static void Targets(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartArray("targets");
        writer.WriteStringValue(name);
        writer.WriteEndArray();
    }
}
