using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenDaemon.Config.Mapping;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenDaemon.Config.Loading;

/// <summary>
/// Reads YAML through YamlDotNet's representation model (no reflection serializer, so AOT-safe)
/// into the same JSON tree the other formats produce. Plain scalars are typed by the YAML 1.2
/// core schema; merge keys (<c>&lt;&lt;: *defaults</c>) are expanded.
/// </summary>
internal static partial class YamlSourceReader
{
    public static SourceDocument Read(string file, string text)
    {
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(new MergingParser(parser));
        }
        catch (YamlException ex)
        {
            return new SourceDocument(null, positions, [new ConfigProblem(
                file, string.Empty, $"invalid YAML: {CleanMessage(ex)}", Line: (int)ex.Start.Line, Column: (int)ex.Start.Column)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unclosed flow
            // collections; the last event it produced is the best position we have.
            var mark = parser.Current?.End ?? Mark.Empty;
            return new SourceDocument(null, positions, [new ConfigProblem(
                file, string.Empty, "invalid YAML: could not parse what follows here (an unclosed '[' or '{'?)", Line: (int)mark.Line, Column: (int)mark.Column)]);
        }

        if (stream.Documents.Count == 0)
        {
            return new SourceDocument(new JsonObject(), positions, problems);
        }

        var root = Convert(stream.Documents[0].RootNode, string.Empty, file, positions, problems, depth: 0);
        return new SourceDocument(root, positions, problems);
    }

    private static JsonNode? Convert(YamlNode node, string path, string file, Dictionary<string, SourcePosition> positions, List<ConfigProblem> problems, int depth)
    {
        if (depth > 128)
        {
            // Only reachable through a self-referencing alias.
            problems.Add(new ConfigProblem(file, path, "the YAML nests too deeply (a self-referencing alias?)", Line: (int)node.Start.Line, Column: (int)node.Start.Column));
            return null;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        problems.Add(new ConfigProblem(file, path, "keys must be plain strings", Line: (int)keyNode.Start.Line, Column: (int)keyNode.Start.Column));
                        continue;
                    }

                    var keyPath = JsonPath.Member(path, key);
                    positions[keyPath] = new SourcePosition((int)keyNode.Start.Line, (int)keyNode.Start.Column);
                    obj[key] = Convert(valueNode, keyPath, file, positions, problems, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    var itemPath = JsonPath.Index(path, array.Count);
                    positions[itemPath] = new SourcePosition((int)item.Start.Line, (int)item.Start.Column);
                    array.Add(Convert(item, itemPath, file, positions, problems, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (scalar.Style != ScalarStyle.Plain || tag is "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        // Numbers with leading zeros, 0x/0o and .inf stay strings: "022" is a umask, not 22.
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we report the position separately.
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0)
        {
            message = message[(cut + 3)..];
        }

        return message.Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)?(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
