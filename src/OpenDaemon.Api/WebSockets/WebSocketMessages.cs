using System.Buffers;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Api.WebSockets;

/// <summary>The text frames of spec §8.2, written straight to UTF-8 bytes.</summary>
internal static class WebSocketMessages
{
    /// <summary><c>{"event": topic, "timestamp": ..., "data": ...}</c> with <paramref name="rawData"/> copied as is.</summary>
    public static byte[] Event(string topic, DateTimeOffset? timestamp, ReadOnlySpan<byte> rawData)
    {
        var buffer = new ArrayBufferWriter<byte>(rawData.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", topic);
            if (timestamp is { } at)
            {
                writer.WriteString("timestamp", at);
            }

            writer.WritePropertyName("data");
            writer.WriteRawValue(rawData, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>{"event":"log:app","data":LINE}</c> by concatenation: a log line is already a JSON object, and this runs
    /// for every line of every follower, so no writer is involved.
    /// </summary>
    public static byte[] LogEvent(string topic, ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> head = "{\"event\":\""u8;
        ReadOnlySpan<byte> middle = "\",\"data\":"u8;
        var encoded = JsonEncodedText.Encode(topic).EncodedUtf8Bytes;
        var topicLength = encoded.Length;
        var message = new byte[head.Length + topicLength + middle.Length + line.Length + 1];
        var span = message.AsSpan();
        head.CopyTo(span);
        encoded.CopyTo(span[head.Length..]);
        middle.CopyTo(span[(head.Length + topicLength)..]);
        line.CopyTo(span[(head.Length + topicLength + middle.Length)..]);
        span[^1] = (byte)'}';
        return message;
    }

    /// <summary><c>{"subscribed": [...]}</c> or <c>{"unsubscribed": [...]}</c>: the topics in effect after a request.</summary>
    public static byte[] Topics(string kind, IEnumerable<string> topics) => Write(w =>
    {
        w.WriteStartArray(kind);
        foreach (var topic in topics)
        {
            w.WriteStringValue(topic);
        }

        w.WriteEndArray();
    });

    /// <summary><c>{"error": {"code", "message", "hint"}}</c>.</summary>
    public static byte[] Error(ErrorCode code, string message, string? hint = null) => Write(w =>
    {
        w.WritePropertyName("error");
        JsonSerializer.Serialize(w, new ErrorInfo(code, message, hint), ContractsJsonContext.Default.ErrorInfo);
    });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
