using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>
/// The front door of rendering: a model and a terminal size in, exactly <c>height</c> lines of exactly
/// <c>width</c> visible columns out (spec §7.1's frame: the header in the top border, the body, the message
/// line and the keys). Pure, so every layout is snapshot-tested; without colour no escape code appears.
/// </summary>
internal static class MonitScreen
{
    public const int MinimumWidth = 40;
    public const int MinimumHeight = 12;

    public static IReadOnlyList<string> Render(MonitModel model, int width, int height, bool color)
    {
        if (width < MinimumWidth || height < MinimumHeight)
        {
            return TooSmall(width, height);
        }

        var inner = width - 4;
        var bodyHeight = height - 4; // top and bottom borders, message line, keys line
        var body = model.View switch
        {
            MonitView.Help => MonitHelpView.Render(inner, color),
            MonitView.Details => MonitDetailsView.Render(model, inner, color),
            MonitView.Logs => MonitLogView.Render(model, inner, bodyHeight, color),
            _ => Dashboard(model, inner, bodyHeight, color),
        };

        var lines = new List<string>(height) { MonitHeaderView.Render(model, width, color) };
        for (var row = 0; row < bodyHeight; row++)
        {
            lines.Add(Framed(row < body.Count ? body[row] : new ScreenLine(inner, color)));
        }

        lines.Add(Framed(MonitFooterView.Message(model, inner, color)));
        lines.Add(Framed(MonitFooterView.Keys(model.View, inner, color)));
        lines.Add("└" + new string('─', width - 2) + "┘");
        return lines;
    }

    /// <summary>The instance whose table row is at screen row <paramref name="row"/> (0-based) of the dashboard, if any: mouse clicks.</summary>
    public static int? InstanceAt(MonitModel model, int width, int height, int row)
    {
        if (model.View != MonitView.Dashboard || width < MinimumWidth || height < MinimumHeight)
        {
            return null;
        }

        var visible = model.Visible;
        var rows = TableRows(visible.Count, height - 4);
        var index = MonitTableView.FirstIndex(model, rows) + (row - MonitTableView.FirstRowOnScreen);
        return row >= MonitTableView.FirstRowOnScreen && row < MonitTableView.FirstRowOnScreen + rows && index < visible.Count
            ? visible[index].Id
            : null;
    }

    // The table gets its rows first (at least 3), but leaves the logs pane 3 lines.
    private static int TableRows(int visibleCount, int bodyHeight)
    {
        var free = bodyHeight - MonitPanelView.Height - 3; // summary, table header, logs header
        return Math.Min(Math.Max(visibleCount, 1), Math.Max(3, free - 3));
    }

    private static List<ScreenLine> Dashboard(MonitModel model, int inner, int bodyHeight, bool color)
    {
        var tableRows = TableRows(model.Visible.Count, bodyHeight);
        var lines = new List<ScreenLine>(bodyHeight);
        lines.AddRange(MonitTableView.Render(model, inner, tableRows, color));
        lines.AddRange(MonitPanelView.Render(model, inner, color));
        lines.AddRange(MonitLogView.Render(model, inner, bodyHeight - lines.Count, color));
        return lines;
    }

    private static string Framed(ScreenLine line) => "│ " + line.PadTo(line.Width) + " │";

    private static List<string> TooSmall(int width, int height)
    {
        var lines = new List<string>(Math.Max(height, 0));
        var text = $"od monit needs {MinimumWidth}×{MinimumHeight} (now {width}×{height})";
        for (var row = 0; row < height; row++)
        {
            var line = new ScreenLine(Math.Max(width, 0), color: false);
            lines.Add((row == 0 ? line.Append(text) : line).PadTo(width).ToString());
        }

        return lines;
    }

    /// <summary>"2.1 GB" without the space PM2's header saves: the header is tight at 80 columns.</summary>
    internal static string CompactBytes(long bytes) => HumanFormat.Bytes(bytes).Replace(" ", string.Empty, StringComparison.Ordinal);
}
