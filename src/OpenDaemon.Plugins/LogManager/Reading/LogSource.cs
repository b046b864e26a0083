using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>One log file and its rotated history, as the search reads it.</summary>
/// <param name="ProcessName">The app, for entries that do not name it (text lines, garbage).</param>
/// <param name="Instance">
/// The instance to read, or null for every instance in the file. A JSON file keeps only that instance's
/// entries (a merged file holds several); a text line cannot say whose it is, so it is attributed to this.
/// </param>
/// <param name="CurrentPath">The file being written, e.g. <c>api-out.log</c>.</param>
/// <param name="RotationDirectory">Where its rotated files are, or null for beside it.</param>
/// <param name="Format">How its lines are stored.</param>
/// <param name="DefaultStream">
/// <c>stdout</c> or <c>stderr</c>: the stream of a text line and of a JSON line that cannot be parsed
/// (an <c>-error.log</c> file is stderr).
/// </param>
internal sealed record LogSource(
    string ProcessName,
    int? Instance,
    string CurrentPath,
    string? RotationDirectory,
    LogFormat Format,
    string DefaultStream)
{
    /// <summary>The stream of the lines that do not name theirs.</summary>
    internal LogStreams DefaultStreams => LogStreamNames.Parse(DefaultStream) ?? LogStreams.Stdout;
}
