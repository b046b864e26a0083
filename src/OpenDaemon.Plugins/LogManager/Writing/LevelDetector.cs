using System.Text.Json;
using System.Text.Unicode;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Decides a line's level, message and metadata. A plain line is <c>info</c> on stdout and
/// <c>error</c> on stderr; a line that is a JSON object from a common logger keeps its own level,
/// its message field becomes the message and its other fields the metadata (values copied raw).
/// </summary>
/// <remarks>
/// Recognised: pino and bunyan (numeric <c>level</c>), any logger with a string <c>level</c>, Serilog's
/// compact format (<c>@l</c>; <c>@t</c> with <c>@m</c>/<c>@mt</c> and no <c>@l</c> is Information) and
/// Microsoft.Extensions.Logging's JSON console formatter (<c>LogLevel</c>). The message is the first
/// present of <c>msg</c>, <c>message</c>, <c>@m</c>, <c>@mt</c>, <c>Message</c>; without one the line
/// stays whole and has no metadata. The fields used for level and message are not repeated in the
/// metadata. Only a line whose first and last non-blank bytes are <c>{</c> and <c>}</c> pays for a
/// parse; invalid JSON (or invalid UTF-8) is a plain line. One detector per stream: the spans it
/// returns point into its scratch buffers until the next call or <see cref="Release"/>.
/// </remarks>
internal sealed class LevelDetector
{
    private const int NoMessage = int.MaxValue;

    private readonly PooledByteBuffer _message = new();
    private readonly PooledByteBuffer _metadata = new();
    private readonly List<Property> _properties = [];

    public DetectedLine Detect(ReadOnlySpan<byte> line, bool isStderr)
    {
        var fallback = isStderr ? LoggerLevels.Error : LoggerLevels.Info;
        var json = line.Trim(" \t"u8);
        if (json.Length >= 2 && json[0] == (byte)'{' && json[^1] == (byte)'}' && TryParse(line, json, fallback, out var detected))
        {
            return detected;
        }

        return new DetectedLine(fallback, line, default);
    }

    /// <summary>Gives the scratch buffers back to the pool (call when the stream goes idle).</summary>
    public void Release()
    {
        _message.Release();
        _metadata.Release();
    }

    private bool TryParse(ReadOnlySpan<byte> line, ReadOnlySpan<byte> json, int fallback, out DetectedLine detected)
    {
        detected = default;
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        _properties.Clear();
        _message.Clear();
        _metadata.Clear();
        var level = -1;
        var levelAt = -1;
        var message = new Property(0, 0, 0, JsonTokenType.None, false, NoMessage);
        var serilogEvent = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex;
                var field = Classify(ref reader);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                var type = reader.TokenType;
                var escaped = reader.ValueIsEscaped;
                if (field == Field.Level && level < 0 && ReadLevel(ref reader) is var found and >= 0)
                {
                    level = found;
                    levelAt = start;
                }

                reader.Skip();
                var property = new Property(start, valueStart, (int)reader.BytesConsumed, type, escaped, (int)field);
                _properties.Add(property);
                serilogEvent |= field == Field.SerilogTimestamp;
                if (field <= Field.MessageLast && (int)field < message.Priority)
                {
                    message = property;
                }
            }

            if (reader.Read())
            {
                return false; // not one object (the reader throws first; kept for clarity)
            }

            if (level < 0)
            {
                level = serilogEvent && message.Priority is (int)Field.SerilogMessage or (int)Field.SerilogTemplate ? LoggerLevels.Info : fallback;
            }

            if (message.Priority == NoMessage)
            {
                detected = new DetectedLine(level, line, default);
                return true;
            }

            var text = MessageText(json, message);
            WriteMetadata(json, levelAt, message.Start);
            detected = new DetectedLine(level, text, _metadata.WrittenSpan);
            return true;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Not JSON after all, or a message with an escape that is not valid Unicode: a plain line.
            return false;
        }
    }

    private ReadOnlySpan<byte> MessageText(ReadOnlySpan<byte> json, Property message)
    {
        if (message.Type != JsonTokenType.String)
        {
            return json[message.ValueStart..message.End]; // a number or an object as a message: its JSON text
        }

        if (!message.Escaped)
        {
            return json[(message.ValueStart + 1)..(message.End - 1)];
        }

        var reader = new Utf8JsonReader(json[message.ValueStart..message.End]);
        reader.Read();
        var length = reader.CopyString(_message.GetSpan(message.End - message.ValueStart));
        _message.Advance(length);
        return _message.WrittenSpan;
    }

    private void WriteMetadata(ReadOnlySpan<byte> json, int levelAt, int messageAt)
    {
        foreach (var property in _properties)
        {
            if (property.Start == levelAt || property.Start == messageAt)
            {
                continue;
            }

            _metadata.Write(_metadata.WrittenCount == 0 ? "{"u8 : ","u8);
            _metadata.Write(json[property.Start..property.End]);
        }

        if (_metadata.WrittenCount > 0)
        {
            _metadata.Write("}"u8);
        }
    }

    private static int ReadLevel(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => LoggerLevels.FromNumber(reader.GetDouble()),
        JsonTokenType.String => LoggerLevels.FromName(reader.GetString()),
        _ => -1,
    };

    private static Field Classify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("msg"u8) ? Field.Msg
        : reader.ValueTextEquals("message"u8) ? Field.LowerMessage
        : reader.ValueTextEquals("@m"u8) ? Field.SerilogMessage
        : reader.ValueTextEquals("@mt"u8) ? Field.SerilogTemplate
        : reader.ValueTextEquals("Message"u8) ? Field.MelMessage
        : reader.ValueTextEquals("level"u8) || reader.ValueTextEquals("@l"u8) || reader.ValueTextEquals("LogLevel"u8) ? Field.Level
        : reader.ValueTextEquals("@t"u8) ? Field.SerilogTimestamp
        : Field.Other;

    // Message fields first, in priority order: their value is the priority.
    private enum Field
    {
        Msg,
        LowerMessage,
        SerilogMessage,
        SerilogTemplate,
        MelMessage,
        MessageLast = MelMessage,
        Level,
        SerilogTimestamp,
        Other,
    }

    // One top-level property: Start is its name's opening quote, [ValueStart, End) its value.
    private readonly record struct Property(int Start, int ValueStart, int End, JsonTokenType Type, bool Escaped, int Priority);
}
