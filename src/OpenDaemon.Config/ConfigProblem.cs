namespace OpenDaemon.Config;

/// <summary>
/// One thing wrong with a configuration: where (file, JSON path, line and column when the format
/// has them), what is wrong in a plain sentence, and the offending and expected values.
/// </summary>
/// <param name="File">Full path of the configuration file.</param>
/// <param name="Path">JSON path of the value, e.g. <c>apps[1].healthCheck.interval</c>; empty for the whole file.</param>
/// <param name="Message">The whole explanation, e.g. <c>expected a duration like "30s", found "soon"</c>.</param>
/// <param name="Found">The offending value as written, when there is one.</param>
/// <param name="Expected">What would have been accepted, when that can be said.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
public sealed record ConfigProblem(
    string File,
    string Path,
    string Message,
    string? Found = null,
    string? Expected = null,
    int? Line = null,
    int? Column = null)
{
    /// <summary>Formats as <c>file:line:column path: message</c>, the way compilers do, so editors can jump to it.</summary>
    public override string ToString() => SourceLocationText.Format(File, Line, Column, Path, Message);
}
