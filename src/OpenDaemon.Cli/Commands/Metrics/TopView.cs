using System.Globalization;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Cli.Commands.Metrics;

/// <summary>One screen of <c>od top</c>: the machine on two lines, then one row per instance in the chosen order.</summary>
internal static class TopView
{
    public static List<string> Render(MetricSnapshot snapshot, TopSort sort, CliOutput output, bool interactive)
    {
        var lines = new List<string>();
        var at = snapshot.At is { } time ? time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "--:--:--";
        if (snapshot.System is { } system)
        {
            var cores = string.Join(" ", system.CpuPerCore.Select(core => core is { } value ? HumanFormat.Percent(value) : "-"));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{output.Bold("od top")} {at}  load {system.LoadAverage[0]:0.00} {system.LoadAverage[1]:0.00} {system.LoadAverage[2]:0.00}  cpu {(system.CpuPercent is { } cpu ? HumanFormat.Percent(cpu) : "-")} [{cores}]"));
            lines.Add($"mem {HumanFormat.Bytes(system.MemoryUsedBytes)} / {HumanFormat.Bytes(system.MemoryTotalBytes)}  swap {HumanFormat.Bytes(system.SwapTotalBytes - system.SwapFreeBytes)} / {HumanFormat.Bytes(system.SwapTotalBytes)}  files {system.OpenFiles}");
        }

        var keys = interactive ? "  (c cpu, m mem, n name, i id, q quit)" : string.Empty;
        lines.Add(output.Dim($"{snapshot.Processes.Count} instances, sorted by {sort.ToString().ToLowerInvariant()}{keys}"));
        var table = new TextTable("id", "name", "pid", "status", "cpu", "mem", "fds", "threads", "procs", "↺", "uptime");
        foreach (var row in TopSorting.Apply(snapshot.Processes, sort))
        {
            table.AddRow(
                row.Id.ToString(CultureInfo.InvariantCulture),
                row.Instance > 0 ? $"{row.Name} [{row.Instance}]" : row.Name,
                row.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Status.ToString().ToLowerInvariant(),
                row.CpuPercent is { } cpu ? HumanFormat.Percent(cpu) : "-",
                row.MemoryBytes is { } memory ? HumanFormat.Bytes(memory) : "-",
                row.OpenFiles?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Threads?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.ProcessCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Restarts.ToString(CultureInfo.InvariantCulture),
                row.UptimeMs is { } uptime ? HumanFormat.Uptime(TimeSpan.FromMilliseconds(uptime)) : "-");
        }

        lines.AddRange(table.Render(output));
        return lines;
    }
}
