using System.Text.RegularExpressions;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>What <c>od logs</c> / <c>log.search</c> asks for (spec §3.3). Every filter is optional.</summary>
/// <remarks>
/// A time window (<see cref="Since"/>, <see cref="Until"/>) only matches entries that have a timestamp:
/// a text line without a parsable prefix, or a garbled JSON line, cannot be placed and is left out.
/// </remarks>
internal sealed record LogQuery
{
    /// <summary>Entries at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Entries at or before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>A level name (<c>warn</c> means warn, error and fatal); null for all levels.</summary>
    public string? MinLevel { get; init; }

    /// <summary>
    /// Matched against the entry's message only (for a JSON line its message field, not the raw line;
    /// for a text line the line without its timestamp prefix). Build it with a match timeout when it
    /// comes from a user over the network.
    /// </summary>
    public Regex? Grep { get; init; }

    /// <summary>Which streams; both by default.</summary>
    public LogStreams Streams { get; init; } = LogStreams.Both;

    /// <summary>Keep only the last N matching entries (<c>--lines N</c>); null for all of them.</summary>
    public int? Limit { get; init; }

    /// <summary>Whether rotated files are searched too, not only the current ones; true by default.</summary>
    public bool IncludeHistory { get; init; } = true;
}
