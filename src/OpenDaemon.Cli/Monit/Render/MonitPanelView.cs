using System.Globalization;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>
/// The selected instance's box (spec §7.1): CPU and memory sparklines with now/avg/peak, a Node app's
/// event loop and heap (from the runtime preload), and health with what the last probe found and when.
/// Sparklines show the samples received since the dashboard opened.
/// </summary>
internal static class MonitPanelView
{
    /// <summary>Border, four lines, border.</summary>
    public const int Height = 6;

    private const string Missing = "-";

    public static List<ScreenLine> Render(MonitModel model, int width, bool color)
    {
        var inner = width - 4;
        var selected = model.Selected;
        var lines = new List<ScreenLine>(Height) { Top(selected, model.Now, width, color) };
        var content = selected is null
            ? [new ScreenLine(inner, color).Append("nothing selected", "2"), new ScreenLine(inner, color), new ScreenLine(inner, color), new ScreenLine(inner, color)]
            : Content(model, selected, inner, color);
        foreach (var line in content)
        {
            lines.Add(new ScreenLine(width, color).Append("│ ").AppendPainted(line.PadTo(inner).ToString()).Append(" │"));
        }

        lines.Add(new ScreenLine(width, color).Append("└" + new string('─', width - 2) + "┘"));
        return lines;
    }

    private static ScreenLine Top(ProcessSummary? selected, DateTimeOffset now, int width, bool color)
    {
        var line = new ScreenLine(width - 1, color).Append("┌─");
        if (selected is not null)
        {
            line.Append(" ");
            line.Append(selected.Instance > 0 ? $"{selected.Name} [{selected.Instance}]" : selected.Name, "1");
            var facts = new List<string> { ProcessStatusText.Name(selected.Status) };
            if (selected.Pid is { } pid)
            {
                facts.Add("pid " + pid.ToString(CultureInfo.InvariantCulture));
            }

            if (ProcessStatusText.RestartHint(selected, now) is { } hint)
            {
                facts.Add(hint);
            }
            else if (selected.Reason is { } reason && selected.Status != ProcessState.Online)
            {
                facts.Add(reason);
            }

            line.Append(" · " + string.Join(" · ", facts) + " ");
        }

        while (line.Left > 0)
        {
            line.Append("─");
        }

        return new ScreenLine(width, color).AppendPainted(line.ToString() + "┐");
    }

    private static ScreenLine[] Content(MonitModel model, ProcessSummary selected, int inner, bool color)
    {
        var series = model.History.GetValueOrDefault(selected.Id) ?? MetricSeries.Empty;
        var metrics = model.Metrics.GetValueOrDefault(selected.Id);
        var running = selected.Status is ProcessState.Online or ProcessState.Starting or ProcessState.Stopping;
        var cpuNow = running ? metrics?.CpuPercent ?? selected.CpuPercent : null;
        var memoryNow = running ? metrics?.MemoryBytes ?? selected.MemoryBytes : null;

        // "CPU " spark " 100.5%  Memory " spark " 1023.9 MB": the two sparklines share what is left.
        const int CpuValue = 7;
        const int MemoryValue = 10;
        var spark = Math.Max(4, (inner - 4 - 1 - CpuValue - 2 - 7 - 1 - MemoryValue) / 2);
        var charts = new ScreenLine(inner, color)
            .Append("CPU ", "1").Append(Sparkline.Render(series.Cpu, spark, floor: 100), "32").Append(" ")
            .Cell(cpuNow is { } cpu ? HumanFormat.Percent(cpu) : Missing, CpuValue, gap: 2)
            .Append("Memory ", "1").Append(Sparkline.Render(series.Memory, spark), "36").Append(" ")
            .Cell(memoryNow is { } memory ? HumanFormat.Bytes(memory) : Missing, MemoryValue, gap: 0);

        var cpuFigures = series.Cpu.Count == 0 ? "waiting for samples" : $"avg {HumanFormat.Percent(series.Cpu.Average())} · peak {HumanFormat.Percent(series.Cpu.Max())}";
        var memoryFigures = series.Memory.Count == 0 ? "waiting for samples" : $"peak {HumanFormat.Bytes((long)series.Memory.Max())}";
        var figures = new ScreenLine(inner, color)
            .Append("    ").Cell(cpuFigures, spark + 1 + CpuValue, "2", gap: 2)
            .Append("       ").Append(memoryFigures, "2");

        return [charts, figures, EventLoop(running ? metrics?.Runtime : null, inner, color), Health(model, selected, inner, color)];
    }

    // "Event loop p99 3.2 ms · busy 23% · heap 4.5 MB of 9.0 MB · p50 1.1 ms · GC 112 (59 ms)": the most telling
    // first, as a narrow screen cuts the end.
    private static ScreenLine EventLoop(Contracts.Metrics.NodeRuntimeMetrics? node, int inner, bool color)
    {
        var line = new ScreenLine(inner, color).Append("Event loop ", "1");
        if (node is null)
        {
            return line.Append("- (Node apps report it through the runtime preload)", "2");
        }

        var p99 = node.EventLoopDelayP99Ms;
        return line
            .Append(string.Create(CultureInfo.InvariantCulture, $"p99 {p99:0.#} ms"), p99 >= 100 ? "31" : p99 >= 20 ? "33" : "32")
            .Append($" · busy {HumanFormat.Percent(node.EventLoopUtilization * 100)} · heap {HumanFormat.Bytes(node.HeapUsedBytes)} of {HumanFormat.Bytes(node.HeapTotalBytes)}")
            .Append(string.Create(CultureInfo.InvariantCulture, $" · p50 {node.EventLoopDelayP50Ms:0.#} ms · GC {node.GcCount} ({node.GcPauseMs:0} ms)"), "2");
    }

    private static ScreenLine Health(MonitModel model, ProcessSummary selected, int inner, bool color)
    {
        var line = new ScreenLine(inner, color).Append("Health ", "1");
        var detail = model.SelectedDetail is { } info && info.Summary.Id == selected.Id ? info.Health : null;
        var status = detail?.Status ?? selected.Health;
        if (status is null)
        {
            return line.Append("no health check", "2");
        }

        line.Append("● ", status switch { HealthStatus.Healthy => "32", HealthStatus.Unhealthy => "31", _ => "2" })
            .Append(HealthText.Name(status));
        if (detail is null)
        {
            return line;
        }

        var probe = detail.Message is { } message ? $" · {detail.Type}: {message}" : $" · {detail.Type}";
        if (detail.LatencyMs is { } latency)
        {
            probe += string.Create(CultureInfo.InvariantCulture, $" ({latency:0.#} ms)");
        }

        line.Append(probe);
        if (detail.LastCheckAt is { } checkedAt)
        {
            line.Append($" · last check {HumanFormat.Uptime(model.Now - checkedAt)} ago", "2");
        }

        return line;
    }
}
