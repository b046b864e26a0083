namespace OpenDaemon.Config.Model;

/// <summary>
/// What an HTTP health check's body must contain: a literal substring (<c>"ok"</c>) or a regular
/// expression (<c>"/^ok$/i"</c>, <c>{ "regex": "^ok$", "flags": "i" }</c>, or a JS <c>RegExp</c> in .js/.ts configs).
/// </summary>
public sealed record BodyMatch
{
    /// <summary>The substring or the pattern.</summary>
    public required string Text { get; init; }

    /// <summary>True when <see cref="Text"/> is a regular expression (already checked to compile).</summary>
    public bool IsRegex { get; init; }

    /// <summary>Case-insensitive match (regex flag <c>i</c>).</summary>
    public bool IgnoreCase { get; init; }

    /// <summary><c>^</c> and <c>$</c> match at every line (regex flag <c>m</c>).</summary>
    public bool Multiline { get; init; }

    /// <summary><c>.</c> matches newlines too (regex flag <c>s</c>).</summary>
    public bool DotAll { get; init; }
}
