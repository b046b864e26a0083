namespace OpenDaemon.Config;

/// <summary>
/// Something the loader accepted but the user should know about: a field the daemon does not act
/// on yet ("not supported yet"), or a PM2 field that OpenDaemon ignores.
/// </summary>
/// <param name="File">Full path of the configuration file.</param>
/// <param name="Path">JSON path of the value as the user wrote it, e.g. <c>apps[0].watch</c>.</param>
/// <param name="Message">Plain explanation.</param>
/// <param name="Line">1-based line, when the format has positions.</param>
/// <param name="Column">1-based column, when known.</param>
public sealed record ConfigWarning(string File, string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary>Formats as <c>file:line:column path: message</c>, like <see cref="ConfigProblem"/>.</summary>
    public override string ToString() => SourceLocationText.Format(File, Line, Column, Path, Message);
}
