using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>Writes JSON-RPC 2.0 envelopes with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).</summary>
internal static class JsonRpcWriter
{
    public static void WriteRequest(IBufferWriter<byte> output, long id, string method, JsonElement? parameters)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", method);
        WriteOptional(writer, "params", parameters);
        writer.WriteEndObject();
    }

    public static void WriteNotification(IBufferWriter<byte> output, JsonRpcNotification notification)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteString("method", notification.Method);
        WriteOptional(writer, "params", notification.Params);
        writer.WriteEndObject();
    }

    public static void WriteResponse(IBufferWriter<byte> output, JsonRpcResponse response)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        WriteValueOrNull(writer, response.Id);
        if (response.Error is { } error)
        {
            writer.WriteStartObject("error");
            writer.WriteNumber("code", error.Code);
            writer.WriteString("message", error.Message);
            WriteOptional(writer, "data", error.Data);
            writer.WriteEndObject();
        }
        else
        {
            // JSON-RPC requires "result" on success, even when there is nothing to say. A pending result is
            // serialised here, into the frame's buffer, and never becomes an element.
            writer.WritePropertyName("result");
            if (response.Pending is { } pending)
            {
                pending.WriteTo(writer);
            }
            else
            {
                WriteValueOrNull(writer, response.Result);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        // default(JsonElement) is Undefined and cannot be written; treat it as absent.
        if (value is { ValueKind: not JsonValueKind.Undefined } element)
        {
            writer.WritePropertyName(name);
            WriteElement(writer, element);
        }
    }

    internal static void WriteValueOrNull(Utf8JsonWriter writer, JsonElement? value)
    {
        if (value is { ValueKind: not JsonValueKind.Undefined } element)
        {
            WriteElement(writer, element);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Copies the element's bytes as they are: an element comes from a parsed (so valid) document, and
    /// re-encoding it token by token was most of the cost of answering a large result such as a
    /// 1,000-app process list.
    /// </summary>
    private static void WriteElement(Utf8JsonWriter writer, JsonElement element) =>
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
}
