namespace OpenDaemon.Cli.Monit.Render;

/// <summary>The keys, over the whole body (?).</summary>
internal static class MonitHelpView
{
    private static readonly (string Key, string What)[] Keys =
    [
        ("↑ ↓  (k j)", "select an instance (mouse: click its row)"),
        ("Enter", "details of the selected instance (as od info)"),
        ("r", "restart the selected instance"),
        ("s", "stop the selected instance"),
        ("R", "reload the selected app (zero-downtime in cluster mode)"),
        ("+  -", "scale the selected app by one instance"),
        ("d", "delete the selected app (asks y/n first)"),
        ("l", "logs of the selected app over the whole screen"),
        ("a", "logs pane: the selected app's lines or every app's"),
        ("space", "logs pane: pause / follow"),
        ("PgUp PgDn", "logs pane: scroll back and forward"),
        ("/", "filter apps by name (Enter keeps it, Esc clears it)"),
        ("?", "this help"),
        ("Esc", "back to the dashboard"),
        ("q  Ctrl-C", "quit"),
    ];

    public static List<ScreenLine> Render(int width, bool color)
    {
        var lines = new List<ScreenLine> { new ScreenLine(width, color).Append("Keys", "1"), new(width, color) };
        foreach (var (key, what) in Keys)
        {
            lines.Add(new ScreenLine(width, color).Append("  ").Cell(key, 12, "1").Append(what));
        }

        lines.Add(new ScreenLine(width, color));
        lines.Add(new ScreenLine(width, color).Append("NO_COLOR or --no-color: no colours. Sparklines fill as metrics arrive.", "2"));
        return lines;
    }
}
