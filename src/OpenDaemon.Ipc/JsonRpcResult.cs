using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenDaemon.Ipc;

/// <summary>
/// The <c>result</c> of a response as the server holds it until it is sent: a typed value with its
/// source-generated contract is serialised straight into the response frame, so an answer that is only
/// sent never becomes a <see cref="JsonDocument"/> (for a large result such as a process list that cost
/// more than the serialisation itself, and its arrays churned the GC on every call).
/// </summary>
public abstract class JsonRpcResult
{
    private protected JsonRpcResult()
    {
    }

    /// <summary>A result to be serialised with <paramref name="typeInfo"/> (AOT-safe) when it is written.</summary>
    public static JsonRpcResult From<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new Typed<T>(value, typeInfo);
    }

    /// <summary>A result that is already JSON.</summary>
    public static JsonRpcResult From(JsonElement element) => new Element(element);

    /// <summary>A result that is already JSON.</summary>
    public static implicit operator JsonRpcResult(JsonElement element) => From(element);

    /// <summary>Writes the value.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The value as an element, for a caller that reads it rather than sends it (a typed value is serialised and parsed on each call).</summary>
    public abstract JsonElement ToElement();

    private sealed class Typed<T>(T value, JsonTypeInfo<T> typeInfo) : JsonRpcResult
    {
        public override void WriteTo(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, value, typeInfo);

        public override JsonElement ToElement() => JsonSerializer.SerializeToElement(value, typeInfo);
    }

    private sealed class Element(JsonElement element) : JsonRpcResult
    {
        public override void WriteTo(Utf8JsonWriter writer) => JsonRpcWriter.WriteValueOrNull(writer, element);

        public override JsonElement ToElement() => element;
    }
}
