using System.Globalization;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>
/// The logs pane: a title line, then the newest lines that fit (or older ones when scrolled back), each
/// <c>14:23:01 [api] [INFO] message</c> with warnings yellow and errors red.
/// </summary>
internal static class MonitLogView
{
    public static List<ScreenLine> Render(MonitModel model, int width, int height, bool color)
    {
        var lines = new List<ScreenLine>(Math.Max(height, 1));
        if (height <= 0)
        {
            return lines;
        }

        var pane = model.LogPane;
        var scope = pane.AllApps ? "all apps" : model.Selected?.Name ?? "all apps";
        var title = new ScreenLine(width, color)
            .Append(model.View == MonitView.Logs ? "Logs" : "Recent logs", "1")
            .Append(" ─ " + scope);
        if (pane.Paused)
        {
            title.Append(" (paused)", "33");
        }

        if (pane.Scroll > 0)
        {
            title.Append($" ({pane.Scroll} newer below)", "2");
        }

        title.Append(" ");
        while (title.Left > 0)
        {
            title.Append("─");
        }

        lines.Add(title);
        var entries = Scoped(model);
        var room = height - 1;
        var end = Math.Max(0, entries.Count - pane.Scroll);
        var start = Math.Max(0, end - room);
        if (entries.Count == 0)
        {
            lines.Add(new ScreenLine(width, color).Append("no log lines yet", "2"));
        }

        for (var index = start; index < end; index++)
        {
            lines.Add(Line(entries[index], model.TimeZone, width, color));
        }

        return lines;
    }

    /// <summary>The lines of the pane's scope (the selected app, or all): what scrolling counts in.</summary>
    public static IReadOnlyList<LogEntry> Scoped(MonitModel model)
    {
        if (model.LogPane.AllApps || model.Selected is not { } selected)
        {
            return model.Logs;
        }

        return model.Logs.Where(entry => entry.ProcessName == selected.Name).ToList();
    }

    private static ScreenLine Line(LogEntry entry, TimeZoneInfo zone, int width, bool color)
    {
        var time = entry.Timestamp is { } at
            ? TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : "--:--:--";
        var rank = LogLevels.Rank(entry.Level);
        var levelColour = rank switch { >= 4 => "31", 3 => "33", <= 1 and >= 0 => "2", _ => null };
        return new ScreenLine(width, color)
            .Append(time, "2")
            .Append(" [").Append(entry.ProcessName, "36").Append("] ")
            .Append($"[{entry.Level.ToUpperInvariant()}]", levelColour)
            .Append(" ")
            .Append(Printable(entry.Message), rank >= 3 ? levelColour : null);
    }

    // A terminal line must stay one line: tabs and other control characters become spaces.
    private static string Printable(string message) =>
        string.Create(message.Length, message, static (span, text) =>
        {
            for (var index = 0; index < text.Length; index++)
            {
                span[index] = char.IsControl(text[index]) ? ' ' : text[index];
            }
        });
}
