using System.Text.Json.Nodes;

namespace OpenDaemon.Config.Loading;

/// <summary>
/// A config file read into a JSON tree, whatever its format, with the position of every key and
/// list item by JSON path (empty for node-evaluated files) and any syntax problems. Null
/// <see cref="Root"/> means the file could not be parsed at all.
/// </summary>
internal sealed record SourceDocument(
    JsonNode? Root,
    IReadOnlyDictionary<string, SourcePosition> Positions,
    IReadOnlyList<ConfigProblem> Problems)
{
    public static IReadOnlyDictionary<string, SourcePosition> NoPositions { get; } = new Dictionary<string, SourcePosition>();
}
