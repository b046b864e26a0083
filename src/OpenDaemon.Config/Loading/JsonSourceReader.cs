using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenDaemon.Config.Mapping;

namespace OpenDaemon.Config.Loading;

/// <summary>
/// Reads JSON (comments and trailing commas allowed, as in tsconfig) into a tree with a position
/// per path. Walks <see cref="Utf8JsonReader"/> itself rather than using JsonNode.Parse because
/// that is the only way to learn where each key is and to notice duplicate keys.
/// </summary>
internal static class JsonSourceReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 128,
    };

    public static SourceDocument Read(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'));
        var lines = new LineIndex(bytes);
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            if (!reader.Read())
            {
                return new SourceDocument(null, positions, [new ConfigProblem(file, string.Empty, "the file is empty; expected a JSON object", Line: 1, Column: 1)]);
            }

            var root = ReadValue(ref reader, string.Empty, file, lines, positions, problems);
            if (reader.Read())
            {
                throw new JsonException("unexpected content after the end of the JSON value", null, null, null);
            }

            return new SourceDocument(root, positions, problems);
        }
        catch (JsonException ex)
        {
            // Utf8JsonReader knows where it stopped even when the exception does not say.
            var line = ex.LineNumber is { } l ? (int)l + 1 : lines.Locate(reader.TokenStartIndex).Line;
            var column = ex.BytePositionInLine is { } c ? (int)c + 1 : lines.Locate(reader.TokenStartIndex).Column;
            return new SourceDocument(null, positions, [new ConfigProblem(file, string.Empty, $"invalid JSON: {CleanMessage(ex.Message)}", Line: line, Column: column)]);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string path, string file, LineIndex lines, Dictionary<string, SourcePosition> positions, List<ConfigProblem> problems)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var keyPath = JsonPath.Member(path, key);
                    var at = lines.Locate(reader.TokenStartIndex);
                    reader.Read();
                    var value = ReadValue(ref reader, keyPath, file, lines, positions, problems);
                    if (obj.ContainsKey(key))
                    {
                        problems.Add(new ConfigProblem(file, keyPath, $"duplicate key '{key}'", Line: at.Line, Column: at.Column));
                        obj.Remove(key);
                    }

                    positions[keyPath] = at;
                    obj[key] = value;
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    positions[JsonPath.Index(path, array.Count)] = lines.Locate(reader.TokenStartIndex);
                    array.Add(ReadValue(ref reader, JsonPath.Index(path, array.Count), file, lines, positions, problems));
                }

                return array;
            case JsonTokenType.Null:
                return null;
            default:
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
        }
    }

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 5." which we report separately.
    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.TrimEnd('.');
    }

    private sealed class LineIndex
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = [0];

        public LineIndex(byte[] bytes)
        {
            _bytes = bytes;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public SourcePosition Locate(long offset)
        {
            var index = _starts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var column = Encoding.UTF8.GetCharCount(_bytes, _starts[line], (int)offset - _starts[line]) + 1;
            return new SourcePosition(line + 1, column);
        }
    }
}
