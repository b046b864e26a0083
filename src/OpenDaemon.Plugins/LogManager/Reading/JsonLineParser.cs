using System.Text.Json;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// Reads one line of a JSON log file: a LogEntry object in any member order, unknown members ignored.
/// Never throws: a line that is not such an object (garbage, a line torn by a crash) becomes an entry
/// with the raw text as its message, the file's stream and level, and no timestamp.
/// </summary>
internal static class JsonLineParser
{
    /// <param name="line">The line's bytes, without its newline.</param>
    /// <param name="source">Whose file it is: fills in what the line does not say.</param>
    /// <param name="metadata">
    /// Where the <c>metadata</c> member's value is in <paramref name="line"/>, or null: it is parsed
    /// (<see cref="ParseMetadata"/>) only for the entries a search keeps.
    /// </param>
    public static LogEntry Parse(ReadOnlySpan<byte> line, LogSource source, out Range? metadata)
    {
        // Garbage rarely starts with '{': checking first spares an exception per line of a file that is not JSON.
        var trimmed = line.TrimStart(" \t"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'{')
        {
            try
            {
                if (TryParse(line, source, out var entry, out metadata))
                {
                    return entry;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Torn or invalid JSON (InvalidOperationException: invalid UTF-8 inside a string).
            }
        }

        metadata = null;
        return TextLineParser.Raw(line, source);
    }

    /// <summary>The metadata value found by <see cref="Parse"/>; it was validated by the parse, so this does not throw.</summary>
    public static JsonElement ParseMetadata(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        reader.Read();
        return JsonElement.ParseValue(ref reader);
    }

    private static bool TryParse(ReadOnlySpan<byte> line, LogSource source, out LogEntry entry, out Range? metadata)
    {
        entry = null!;
        metadata = null;
        var reader = new Utf8JsonReader(line);
        reader.Read(); // the '{' checked by the caller

        DateTimeOffset? timestamp = null;
        string? level = null, processName = null, message = null;
        var pid = 0;
        var instanceId = source.Instance;
        LogStreams? stream = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at) ? at.ToUniversalTime() : null;
            }
            else if (reader.ValueTextEquals("level"u8))
            {
                reader.Read();
                level = reader.TokenType == JsonTokenType.String ? ReadLevel(ref reader) : null;
            }
            else if (reader.ValueTextEquals("pid"u8))
            {
                reader.Read();
                pid = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : 0;
            }
            else if (reader.ValueTextEquals("processName"u8))
            {
                reader.Read();
                processName = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals(source.ProcessName) ? source.ProcessName // spares a string per line
                    : reader.GetString();
            }
            else if (reader.ValueTextEquals("instanceId"u8))
            {
                reader.Read();
                instanceId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                stream = reader.ValueTextEquals("stderr"u8) ? LogStreams.Stderr : reader.ValueTextEquals("stdout"u8) ? LogStreams.Stdout : null;
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                metadata = reader.TokenType == JsonTokenType.Null ? null : start..(int)reader.BytesConsumed;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Not one of ours without a message; anything after the object (throws when not whitespace) is garbage too.
        if (reader.TokenType != JsonTokenType.EndObject || message is null || reader.Read())
        {
            return false;
        }

        var resolved = stream ?? source.DefaultStreams;
        entry = new LogEntry
        {
            Timestamp = timestamp,
            Level = level ?? LogStreamNames.DefaultLevel(resolved),
            Pid = pid,
            ProcessName = processName ?? source.ProcessName,
            InstanceId = instanceId,
            Message = message,
            Source = resolved == LogStreams.Stderr ? LogStreamNames.Stderr : LogStreamNames.Stdout,
        };
        return true;
    }

    private static string? ReadLevel(ref Utf8JsonReader reader)
    {
        foreach (var level in LogLevels.All)
        {
            if (reader.ValueTextEquals(level))
            {
                return level;
            }
        }

        return LogLevels.Parse(reader.GetString()!);
    }
}
