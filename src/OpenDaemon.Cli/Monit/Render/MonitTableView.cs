using System.Globalization;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>
/// "Processes (6 online, 0 stopped, 0 errored)", the column headers and a window of rows that keeps the
/// selected row in view: id, name, mode, status, ↺, cpu, memory, uptime, health (and pid when wide).
/// </summary>
internal static class MonitTableView
{
    private const int MinimumNameWidth = 8;
    private const int MaximumNameWidth = 32;
    private const int WideInner = 110;
    private const string Missing = "-";

    /// <summary>The screen row (0-based) of the first table row: below the top border, the summary and the headers.</summary>
    public const int FirstRowOnScreen = 3;

    public static List<ScreenLine> Render(MonitModel model, int width, int rows, bool color)
    {
        var visible = model.Visible;
        var lines = new List<ScreenLine>(rows + 2) { Summary(model, visible.Count, width, color) };
        var columns = Columns.For(width, visible);
        var header = new ScreenLine(width, color) { Base = "1" };
        columns.Write(header, "", "id", "name", "mode", "status", "↺", "cpu", "mem", "uptime", "health", "pid");
        lines.Add(header);
        if (visible.Count == 0)
        {
            lines.Add(new ScreenLine(width, color).Append(
                model.Processes.Count == 0 ? ProcessTable.EmptyText : $"no app matches '{model.Filter}'", "2"));
            return lines;
        }

        var selectedIndex = Math.Max(0, IndexOf(visible, model.Selected));
        var first = FirstIndex(model, rows);
        for (var index = first; index < Math.Min(visible.Count, first + rows); index++)
        {
            lines.Add(Row(model, visible[index], index == selectedIndex, columns, width, color));
        }

        return lines;
    }

    /// <summary>The first visible row shown in a window of <paramref name="rows"/>: the selection stays in the middle when it can.</summary>
    public static int FirstIndex(MonitModel model, int rows)
    {
        var visible = model.Visible;
        var selectedIndex = Math.Max(0, IndexOf(visible, model.Selected));
        return Math.Clamp(selectedIndex - (rows / 2), 0, Math.Max(0, visible.Count - rows));
    }

    private static ScreenLine Summary(MonitModel model, int visibleCount, int width, bool color)
    {
        var online = model.Processes.Count(process => process.Status == ProcessState.Online);
        var stopped = model.Processes.Count(process => process.Status == ProcessState.Stopped);
        var errored = model.Processes.Count(process => process.Status == ProcessState.Errored);
        var line = new ScreenLine(width, color).Append("Processes", "1").Append($" ({online} online, {stopped} stopped, {errored} errored)");
        if (model.Filter.Length > 0)
        {
            line.Append($"  filter '{model.Filter}': {visibleCount} of {model.Processes.Count}", "36");
        }

        return line;
    }

    private static ScreenLine Row(MonitModel model, ProcessSummary process, bool selected, Columns columns, int width, bool color)
    {
        var metrics = model.Metrics.GetValueOrDefault(process.Id);
        var running = process.Status is ProcessState.Online or ProcessState.Starting or ProcessState.Stopping;
        var cpu = running ? metrics?.CpuPercent ?? process.CpuPercent : null;
        var memory = running ? metrics?.MemoryBytes ?? process.MemoryBytes : null;
        var uptime = running && process.StartedAt is { } started ? HumanFormat.Uptime(model.Now - started) : Missing;
        var line = new ScreenLine(width, color) { Base = selected ? "7" : null };
        columns.Write(
            line,
            selected ? "›" : " ",
            process.Id.ToString(CultureInfo.InvariantCulture),
            process.Instance > 0 ? $"{process.Name} [{process.Instance}]" : process.Name,
            process.Mode,
            ProcessStatusText.Name(process.Status),
            process.Restarts.ToString(CultureInfo.InvariantCulture),
            cpu is { } percent ? HumanFormat.Percent(percent) : Missing,
            memory is { } bytes ? HumanFormat.Bytes(bytes) : Missing,
            uptime,
            HealthText.Name(process.Health),
            process.Pid?.ToString(CultureInfo.InvariantCulture) ?? Missing,
            StatusColour(process.Status),
            HealthColour(process.Health));
        return line;
    }

    private static int IndexOf(IReadOnlyList<ProcessSummary> rows, ProcessSummary? process)
    {
        for (var index = 0; index < rows.Count; index++)
        {
            if (rows[index].Id == process?.Id)
            {
                return index;
            }
        }

        return -1;
    }

    private static string? StatusColour(ProcessState state) => state switch
    {
        ProcessState.Online => "32",
        ProcessState.Starting or ProcessState.Stopping => "33",
        ProcessState.Stopped or ProcessState.Created => "2",
        ProcessState.Errored => "31",
        _ => null,
    };

    private static string? HealthColour(HealthStatus? status) => status switch
    {
        HealthStatus.Healthy => "32",
        HealthStatus.Unhealthy => "31",
        HealthStatus.Unknown => "2",
        _ => null,
    };

    /// <summary>The column widths for one screen width: the name takes what is left, pid only on wide screens.</summary>
    private sealed record Columns(int Name, bool Pid)
    {
        public static Columns For(int width, IReadOnlyList<ProcessSummary> rows)
        {
            var longest = rows.Count == 0 ? 0 : rows.Max(row => row.Name.Length + (row.Instance > 0 ? 4 : 0));
            var pid = width >= WideInner;
            var fixedWidth = 2 + 5 + 8 + 9 + 5 + 7 + 10 + 7 + 9 + (pid ? 8 : 0);
            var name = Math.Clamp(width - fixedWidth - 1, MinimumNameWidth, Math.Max(MinimumNameWidth, Math.Min(MaximumNameWidth, Math.Max(longest, 4))));
            return new Columns(name, pid);
        }

        public void Write(ScreenLine line, string marker, string id, string name, string mode, string status, string restarts, string cpu, string memory, string uptime, string health, string pid, string? statusSgr = null, string? healthSgr = null)
        {
            line.Cell(marker, 1)
                .Cell(id, 4, alignRight: true)
                .Cell(name, Name)
                .Cell(mode, 7)
                .Cell(status, 8, statusSgr)
                .Cell(restarts, 4, alignRight: true)
                .Cell(cpu, 6, alignRight: true)
                .Cell(memory, 9, alignRight: true)
                .Cell(uptime, 6, alignRight: true)
                .Cell(health, 9, healthSgr, gap: Pid ? 1 : 0);
            if (Pid)
            {
                line.Cell(pid, 7, alignRight: true, gap: 0);
            }
        }
    }
}
