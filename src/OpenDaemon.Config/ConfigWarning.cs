namespace OpenDaemon.Config;

/// <summary>
/// Something the loader accepted but the user should know about, typically a PM2 field that
/// OpenDaemon ignores.
/// </summary>
/// <param name="File">Full path of the configuration file.</param>
/// <param name="Path">JSON path of the value, e.g. <c>apps[0].increment_var</c>.</param>
/// <param name="Message">Plain explanation.</param>
public sealed record ConfigWarning(string File, string Path, string Message)
{
    /// <summary>Formats as <c>file path: message</c>.</summary>
    public override string ToString() =>
        Path.Length == 0 ? $"{System.IO.Path.GetFileName(File)} {Message}" : $"{System.IO.Path.GetFileName(File)} {Path}: {Message}";
}
