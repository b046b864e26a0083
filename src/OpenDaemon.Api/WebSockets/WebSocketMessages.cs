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
    /// The log lines <paramref name="lines"/> (ranges of <paramref name="frame"/>, each a JSON object) as one message:
    /// <c>{"event":"log:app","data":LINE}</c> for one line (spec §8.2), and for several
    /// <c>{"events":[{"event":"log:app","data":LINE},...]}</c>, each element the one-line message. Built by
    /// concatenation, once per batch however many clients receive it: no writer is involved.
    /// </summary>
    public static byte[] LogEvents(string topic, ReadOnlySpan<byte> frame, ReadOnlySpan<Range> lines)
    {
        ReadOnlySpan<byte> batchHead = "{\"events\":["u8;
        ReadOnlySpan<byte> head = "{\"event\":\""u8;
        ReadOnlySpan<byte> middle = "\",\"data\":"u8;
        var encoded = JsonEncodedText.Encode(topic).EncodedUtf8Bytes;
        var batch = lines.Length > 1;
        var length = batch ? batchHead.Length + lines.Length + 1 : 0; // head, commas and "]", "}"
        foreach (var line in lines)
        {
            length += head.Length + encoded.Length + middle.Length + line.GetOffsetAndLength(frame.Length).Length + 1;
        }

        var message = new byte[length];
        var span = message.AsSpan();
        var at = 0;
        if (batch)
        {
            Append(span, ref at, batchHead);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            Append(span, ref at, head);
            Append(span, ref at, encoded);
            Append(span, ref at, middle);
            Append(span, ref at, frame[lines[i]]);
            span[at++] = (byte)'}';
        }

        if (batch)
        {
            span[at++] = (byte)']';
            span[at++] = (byte)'}';
        }

        return message;
    }

    /// <summary>
    /// <c>{"event":"logs:skipped","timestamp":...,"data":{"app","lines","message"}}</c>: <paramref name="lines"/> log
    /// lines of <paramref name="app"/> were not sent to this client because it read too slowly.
    /// </summary>
    public static byte[] LogsSkipped(string app, long lines, DateTimeOffset at) => Write(w =>
    {
        w.WriteString("event", LogsSkippedEvent);
        w.WriteString("timestamp", at);
        w.WriteStartObject("data");
        w.WriteString("app", app);
        w.WriteNumber("lines", lines);
        w.WriteString("message", $"{lines} log lines of {app} were not sent to this follower: it fell behind (they are in the log files)");
        w.WriteEndObject();
    });

    /// <summary>The event of <see cref="LogsSkipped"/>; not <c>log:…</c>, which would collide with an app of that name.</summary>
    public const string LogsSkippedEvent = "logs:skipped";

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

    private static void Append(Span<byte> message, ref int at, ReadOnlySpan<byte> part)
    {
        part.CopyTo(message[at..]);
        at += part.Length;
    }

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
