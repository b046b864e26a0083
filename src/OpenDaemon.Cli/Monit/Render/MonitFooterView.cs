namespace OpenDaemon.Cli.Monit.Render;

/// <summary>The two lines above the bottom border: the message or prompt, and the keys of the current view.</summary>
internal static class MonitFooterView
{
    private static readonly (string Key, string What)[] DashboardKeys =
        [("↑↓", "select"), ("⏎", "details"), ("r", "restart"), ("s", "stop"), ("l", "logs"), ("/", "filter"), ("?", "help"), ("q", "quit")];

    private static readonly (string Key, string What)[] LogKeys =
        [("↑↓", "scroll"), ("space", "pause"), ("a", "all apps"), ("l/esc", "back"), ("q", "quit")];

    private static readonly (string Key, string What)[] BackKeys = [("esc", "back"), ("q", "quit")];

    public static ScreenLine Message(MonitModel model, int width, bool color)
    {
        var line = new ScreenLine(width, color);
        return model.Prompt switch
        {
            MonitPrompt.Filter => line.Append("filter: ", "1").Append(model.Filter + "▏").Append("  (⏎ keep, esc clear)", "2"),
            MonitPrompt.ConfirmDelete when model.Selected is { } selected =>
                line.Append($"delete app '{selected.Name}' ({Instances(model, selected.Name)})? y/n", "1;33"),
            _ when !model.Connected => line.Append("daemon connection lost: reconnecting…", "33"),
            _ when model.Message is { } message => line.Append(message, model.MessageIsError ? "31" : "2"),
            _ => line,
        };
    }

    public static ScreenLine Keys(MonitView view, int width, bool color)
    {
        var keys = view switch
        {
            MonitView.Dashboard => DashboardKeys,
            MonitView.Logs => LogKeys,
            _ => BackKeys,
        };
        var line = new ScreenLine(width, color);
        foreach (var (key, what) in keys)
        {
            if (line.Left < key.Length + what.Length + 3)
            {
                break;
            }

            line.Append(line.Used == 0 ? string.Empty : "  ").Append(key, "1").Append(" " + what);
        }

        return line;
    }

    private static string Instances(MonitModel model, string app)
    {
        var count = model.Processes.Count(process => process.Name == app);
        return count == 1 ? "1 instance" : $"{count} instances";
    }
}
