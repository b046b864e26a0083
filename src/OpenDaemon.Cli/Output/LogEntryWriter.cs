using System.Globalization;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// Prints log entries the way <c>od logs</c> shows them: <c>name|message</c> (<c>name:instance|</c> when an
/// app has several), the prefix coloured per app on a terminal, warnings yellow and errors red;
/// with <c>--json</c>, one LogEntry JSON object per line (JSON Lines, so that a follower's output is parseable line by line).
/// </summary>
/// <param name="output">Where to print.</param>
/// <param name="showTimestamps">Print each line's local time (<c>-t</c>, or PM2's <c>--timestamp</c>).</param>
/// <param name="timestampFormat">A .NET date format for that time (from <see cref="MomentFormat"/>), or null for od's.</param>
/// <param name="raw">PM2's <c>--raw</c>: the message only, no app prefix and no colour.</param>
internal sealed class LogEntryWriter(CliOutput output, bool showTimestamps, string? timestampFormat = null, bool raw = false)
{
    private const string DefaultTimestampFormat = "yyyy-MM-dd HH:mm:ss.fff";

    // Foreground colours that read on dark and light terminals, assigned per app in order of appearance.
    private static readonly string[] AppColours = ["36", "35", "34", "32", "33", "96", "95", "94"];

    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly HashSet<string> _multiInstance = new(StringComparer.Ordinal);
    private int _width;

    /// <summary>Apps whose entries carry an instance number in the prefix (they have several instances).</summary>
    public void ShowInstancesOf(IEnumerable<string> apps) => _multiInstance.UnionWith(apps);

    public void Write(LogEntry entry)
    {
        if (output.Json)
        {
            output.JsonLine(JsonSerializer.Serialize(entry, ContractsJsonContext.Default.LogEntry));
            return;
        }

        var time = showTimestamps && entry.Timestamp is { } at
            ? at.ToLocalTime().ToString(timestampFormat ?? DefaultTimestampFormat, CultureInfo.InvariantCulture) + " "
            : string.Empty;
        if (raw)
        {
            output.Line(time + entry.Message);
            return;
        }

        var name = _multiInstance.Contains(entry.ProcessName) && entry.InstanceId is { } instance
            ? $"{entry.ProcessName}:{instance}"
            : entry.ProcessName;
        _width = Math.Max(_width, name.Length);
        var prefix = output.Paint(name.PadRight(_width) + "|", ColourOf(entry.ProcessName));
        output.Line($"{prefix}{(time.Length == 0 ? time : output.Dim(time))}{Message(entry)}");
    }

    private string Message(LogEntry entry) => LogLevels.Rank(entry.Level) switch
    {
        >= 4 => output.Red(entry.Message),
        3 => output.Yellow(entry.Message),
        _ => entry.Message,
    };

    private string ColourOf(string app)
    {
        if (!_colours.TryGetValue(app, out var colour))
        {
            colour = AppColours[_colours.Count % AppColours.Length];
            _colours[app] = colour;
        }

        return colour;
    }
}
