using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>The top border with the daemon and the machine in it: <c>┌─ OpenDaemon v0.1.0 ─ cpu: 23% ─ mem: 2.1GB/7.8GB ─ uptime: 14D ─┐</c>.</summary>
internal static class MonitHeaderView
{
    public static string Render(MonitModel model, int width, bool color)
    {
        var header = model.Header;
        var parts = new List<(string Text, string? Sgr)> { ($"OpenDaemon {(header.Version is { } version ? "v" + version : string.Empty)}".TrimEnd(), "1") };
        if (!model.Connected)
        {
            parts.Add(("reconnecting…", "33"));
        }

        parts.Add(("cpu: " + (header.CpuPercent is { } cpu ? HumanFormat.Percent(Math.Round(cpu)) : "-"), null));
        parts.Add(("mem: " + (header.MemoryUsedBytes is { } used && header.MemoryTotalBytes is { } total
            ? $"{MonitScreen.CompactBytes(used)}/{MonitScreen.CompactBytes(total)}"
            : "-"), null));
        parts.Add(("uptime: " + (header.DaemonStartedAt is { } started ? HumanFormat.Uptime(model.Now - started) : "-"), null));
        var line = new ScreenLine(width - 1, color).Append("┌─");
        foreach (var (text, sgr) in parts)
        {
            if (line.Left < text.Length + 4)
            {
                break; // a narrow terminal drops the later parts whole rather than cutting one in half
            }

            line.Append(" ").Append(text, sgr).Append(" ─");
        }

        while (line.Left > 0)
        {
            line.Append("─");
        }

        return line + "┐";
    }
}
