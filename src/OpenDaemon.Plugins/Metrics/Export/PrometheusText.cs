using System.Globalization;
using System.Text;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4) of one pass: every family with HELP and TYPE,
/// its samples together, names and labels sanitised, label values escaped — what <c>promtool check
/// metrics</c> accepts. Used by <c>od metrics</c>, the <c>prometheus.listen</c> endpoint and (later) the
/// REST API's <c>/api/v1/metrics</c>.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] BuiltInLabels = ["name", "id", "instance", "namespace"];

    public static string Render(MetricsFrame frame, IReadOnlyList<ProcessMetrics> processes, bool includeSystem)
    {
        var text = new StringBuilder(4096 + (processes.Count * 2048));
        if (includeSystem)
        {
            WriteSystem(text, frame.System);
        }

        WriteProcesses(text, processes);
        return text.ToString();
    }

    private static void WriteSystem(StringBuilder text, SystemMetrics system)
    {
        Gauge(text, "od_system_cpu_percent", "CPU busy since the previous pass, percent of the whole machine.", [("", system.CpuPercent)]);
        Gauge(text, "od_system_cpu_core_percent", "CPU busy since the previous pass, percent of one core.",
            [.. system.CpuPerCore.Select((value, core) => ($"core=\"{core}\"", value))]);
        Gauge(text, "od_system_memory_total_bytes", "Total memory (MemTotal).", [("", system.MemoryTotalBytes)]);
        Gauge(text, "od_system_memory_available_bytes", "Memory available without swapping (MemAvailable).", [("", system.MemoryAvailableBytes)]);
        Gauge(text, "od_system_memory_free_bytes", "Unused memory (MemFree).", [("", system.MemoryFreeBytes)]);
        Gauge(text, "od_system_memory_used_bytes", "Used memory (MemTotal - MemAvailable).", [("", system.MemoryUsedBytes)]);
        Gauge(text, "od_system_swap_total_bytes", "Total swap.", [("", system.SwapTotalBytes)]);
        Gauge(text, "od_system_swap_free_bytes", "Unused swap.", [("", system.SwapFreeBytes)]);
        Gauge(text, "od_system_load1", "Load average over 1 minute.", [("", system.LoadAverage[0])]);
        Gauge(text, "od_system_load5", "Load average over 5 minutes.", [("", system.LoadAverage[1])]);
        Gauge(text, "od_system_load15", "Load average over 15 minutes.", [("", system.LoadAverage[2])]);
        Gauge(text, "od_system_open_files", "Allocated file handles of the system (file-nr).", [("", system.OpenFiles)]);
        Gauge(text, "od_system_open_files_limit", "File handle limit of the system (fs.file-max).", [("", system.MaxOpenFiles)]);

        var disks = system.Disks.Select(d => (Labels: $"mount=\"{Escape(d.Mount)}\",device=\"{Escape(d.Device)}\",fstype=\"{Escape(d.FileSystem)}\"", Disk: d)).ToList();
        Gauge(text, "od_system_disk_size_bytes", "File system size (statvfs).", [.. disks.Select(d => (d.Labels, (double?)d.Disk.TotalBytes))]);
        Gauge(text, "od_system_disk_free_bytes", "Free space, root-reserved blocks included.", [.. disks.Select(d => (d.Labels, (double?)d.Disk.FreeBytes))]);
        Gauge(text, "od_system_disk_available_bytes", "Free space available to unprivileged users.", [.. disks.Select(d => (d.Labels, (double?)d.Disk.AvailableBytes))]);

        var networks = system.Networks.Select(n => (Labels: $"interface=\"{Escape(n.Interface)}\"", Net: n)).ToList();
        Counter(text, "od_system_network_receive_bytes_total", "Bytes received since boot.", [.. networks.Select(n => (n.Labels, (double?)n.Net.ReceiveBytes))]);
        Counter(text, "od_system_network_transmit_bytes_total", "Bytes sent since boot.", [.. networks.Select(n => (n.Labels, (double?)n.Net.TransmitBytes))]);
        Counter(text, "od_system_network_receive_packets_total", "Packets received since boot.", [.. networks.Select(n => (n.Labels, (double?)n.Net.ReceivePackets))]);
        Counter(text, "od_system_network_transmit_packets_total", "Packets sent since boot.", [.. networks.Select(n => (n.Labels, (double?)n.Net.TransmitPackets))]);
        Counter(text, "od_system_network_receive_errors_total", "Receive errors since boot.", [.. networks.Select(n => (n.Labels, (double?)n.Net.ReceiveErrors))]);
        Counter(text, "od_system_network_transmit_errors_total", "Transmit errors since boot.", [.. networks.Select(n => (n.Labels, (double?)n.Net.TransmitErrors))]);
    }

    private static void WriteProcesses(StringBuilder text, IReadOnlyList<ProcessMetrics> processes)
    {
        var rows = processes.Select(p => (Labels: Labels(p), Row: p)).ToList();
        List<(string, double?)> Of(Func<ProcessMetrics, double?> value) => [.. rows.Select(r => (r.Labels, value(r.Row)))];

        Gauge(text, "od_process_up", "1 when the instance is online, else 0.", Of(p => p.Status == ProcessState.Online ? 1 : 0));
        Gauge(text, "od_process_cpu_percent", "CPU of the whole process tree since the previous pass, percent of one core.", Of(p => p.CpuPercent));
        Counter(text, "od_process_cpu_user_seconds_total", "User CPU time of the live processes of the tree.", Of(p => p.CpuUserSeconds));
        Counter(text, "od_process_cpu_system_seconds_total", "Kernel CPU time of the live processes of the tree.", Of(p => p.CpuSystemSeconds));
        Gauge(text, "od_process_resident_memory_bytes", "Resident memory of the whole process tree.", Of(p => p.MemoryBytes));
        Gauge(text, "od_process_open_fds", "Open file descriptors of the process tree.", Of(p => p.OpenFiles));
        Gauge(text, "od_process_threads", "Threads of the process tree.", Of(p => p.Threads));
        Gauge(text, "od_process_processes", "Live processes in the tree.", Of(p => p.ProcessCount));
        Counter(text, "od_process_io_read_bytes_total", "Bytes the live processes read from storage.", Of(p => p.IoReadBytes));
        Counter(text, "od_process_io_write_bytes_total", "Bytes the live processes wrote to storage.", Of(p => p.IoWriteBytes));
        Counter(text, "od_process_io_read_chars_total", "Bytes the live processes passed to read calls, sockets and pipes included.", Of(p => p.IoReadChars));
        Counter(text, "od_process_io_write_chars_total", "Bytes the live processes passed to write calls, sockets and pipes included.", Of(p => p.IoWriteChars));
        Counter(text, "od_process_restarts_total", "Restarts since the app was started by a user.", Of(p => p.Restarts));
        Gauge(text, "od_process_uptime_seconds", "Seconds since the current run started.", Of(p => p.UptimeMs / 1000.0));
        Counter(text, "od_process_cgroup_cpu_user_seconds_total", "User CPU time of every process that ran in the run's cgroup.", Of(p => p.Cgroup?.CpuUserSeconds));
        Counter(text, "od_process_cgroup_cpu_system_seconds_total", "Kernel CPU time of every process that ran in the run's cgroup.", Of(p => p.Cgroup?.CpuSystemSeconds));
        Gauge(text, "od_process_cgroup_memory_bytes", "Memory charged to the run's cgroup (memory.current).", Of(p => p.Cgroup?.MemoryBytes));
        Counter(text, "od_process_cgroup_io_read_bytes_total", "Bytes the run's cgroup read from block devices (io.stat).", Of(p => p.Cgroup?.IoReadBytes));
        Counter(text, "od_process_cgroup_io_write_bytes_total", "Bytes the run's cgroup wrote to block devices (io.stat).", Of(p => p.Cgroup?.IoWriteBytes));
        WriteNodeRuntime(text, rows);
        PrometheusCustomFamilies.Write(text, rows);
    }

    // Node apps' own figures (the runtime preload): families only appear once a Node app has reported.
    private static void WriteNodeRuntime(StringBuilder text, List<(string Labels, ProcessMetrics Row)> rows)
    {
        List<(string, double?)> Of(Func<NodeRuntimeMetrics, double> value) => [.. rows.Select(r => (r.Labels, r.Row.Runtime is { } node ? value(node) : (double?)null))];

        Gauge(text, "od_node_heap_total_bytes", "V8 heap reserved by the Node processes of the tree.", Of(n => n.HeapTotalBytes));
        Gauge(text, "od_node_heap_used_bytes", "V8 heap in use by the Node processes of the tree.", Of(n => n.HeapUsedBytes));
        Gauge(text, "od_node_external_bytes", "Memory of C++ objects bound to JavaScript objects.", Of(n => n.ExternalBytes));
        Gauge(text, "od_node_array_buffers_bytes", "Memory of ArrayBuffers and SharedArrayBuffers.", Of(n => n.ArrayBuffersBytes));
        // Percentiles as gauges of their own: promtool allows a quantile label on summaries only, and these are
        // the runtime's histogram over one interval, not a summary Prometheus could aggregate.
        Gauge(text, "od_node_eventloop_delay_p50_seconds", "Median event-loop delay over the last report interval (the worst Node process of the tree).", Of(n => n.EventLoopDelayP50Ms / 1000));
        Gauge(text, "od_node_eventloop_delay_p95_seconds", "95th percentile of the event-loop delay over the last report interval.", Of(n => n.EventLoopDelayP95Ms / 1000));
        Gauge(text, "od_node_eventloop_delay_p99_seconds", "99th percentile of the event-loop delay over the last report interval.", Of(n => n.EventLoopDelayP99Ms / 1000));
        Gauge(text, "od_node_eventloop_delay_max_seconds", "Longest event-loop delay over the last report interval.", Of(n => n.EventLoopDelayMaxMs / 1000));
        Gauge(text, "od_node_eventloop_utilization_ratio", "Share of the last report interval the event loop was busy.", Of(n => n.EventLoopUtilization));
        Gauge(text, "od_node_active_handles", "Active handles (sockets, timers, servers).", [.. rows.Select(r => (r.Labels, (double?)r.Row.Runtime?.ActiveHandles))]);
        Gauge(text, "od_node_active_requests", "Active requests (pending file system and DNS operations).", [.. rows.Select(r => (r.Labels, (double?)r.Row.Runtime?.ActiveRequests))]);
        Counter(text, "od_node_gc_total", "Garbage collections since the Node processes started.", Of(n => n.GcCount));
        Counter(text, "od_node_gc_pause_seconds_total", "Time spent in garbage collection since the Node processes started.", Of(n => n.GcPauseMs / 1000));
    }

    private static string Labels(ProcessMetrics row)
    {
        var labels = new StringBuilder();
        labels.Append(CultureInfo.InvariantCulture, $"name=\"{Escape(row.Name)}\",id=\"{row.Id}\",instance=\"{row.Instance}\",namespace=\"{Escape(row.Namespace)}\"");
        foreach (var (key, value) in row.Labels ?? new Dictionary<string, string>())
        {
            var name = LabelName(key);
            if (!BuiltInLabels.Contains(name, StringComparer.Ordinal))
            {
                labels.Append(CultureInfo.InvariantCulture, $",{name}=\"{Escape(value)}\"");
            }
        }

        return labels.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, IReadOnlyList<(string Labels, double? Value)> samples) => Family(text, name, "gauge", help, samples);

    private static void Counter(StringBuilder text, string name, string help, IReadOnlyList<(string Labels, double? Value)> samples) => Family(text, name, "counter", help, samples);

    // A family without any value (nothing readable yet) is left out entirely rather than written empty.
    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyList<(string Labels, double? Value)> samples)
    {
        if (!samples.Any(s => s.Value.HasValue))
        {
            return;
        }

        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value) in samples)
        {
            if (value is not { } number)
            {
                continue;
            }

            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(Number(number)).Append('\n');
        }
    }

    internal static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A label name Prometheus accepts: [a-zA-Z_][a-zA-Z0-9_]*, other characters become '_'.</summary>
    public static string LabelName(string key)
    {
        var chars = key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var name = new string(chars);
        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? "_" + name : name.StartsWith("__", StringComparison.Ordinal) ? "x" + name : name;
    }

    internal static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
