using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.Metrics.Collection;

/// <summary>
/// Turns one /proc pass into each instance's <see cref="ProcessMetrics"/>: CPU % and I/O amounts need the
/// previous pass of the same run (same pid), kept here per instance id. Used by the collector's loop only.
/// </summary>
internal sealed class InstanceReadings
{
    private readonly Dictionary<int, Previous> _previous = [];

    public ProcessMetrics Read(InstanceStatus status, IReadOnlyDictionary<int, TreeUsage> sessions, long timestamp, TimeSpan sinceLastPass, DateTimeOffset now, out long ioReadDelta, out long ioWriteDelta)
    {
        ioReadDelta = ioWriteDelta = 0;
        var row = new ProcessMetrics
        {
            Id = status.Id,
            Name = status.Name,
            Instance = status.Instance,
            Namespace = status.Config.Namespace,
            Status = status.State,
            Pid = status.Pid,
            Restarts = status.Restarts,
            UptimeMs = status.StartedAt is { } started ? Math.Max(0, (long)(now - started).TotalMilliseconds) : null,
            Labels = status.Config.Metrics?.Labels is { Count: > 0 } labels ? labels : null,
        };
        if (status.Pid is not { } pid || !sessions.TryGetValue(pid, out var usage))
        {
            _previous.Remove(status.Id);
            return row;
        }

        double ticksPerSecond = ProcessTreeSampler.ClockTicksPerSecond;
        double? cpu = null;
        var details = usage.Details;
        if (_previous.TryGetValue(status.Id, out var before) && before.Pid == pid && sinceLastPass > TimeSpan.Zero)
        {
            cpu = Math.Round(Math.Max(0, usage.CpuTicks - before.CpuTicks) / ticksPerSecond / sinceLastPass.TotalSeconds * 100, 2);
            if (details is { } now2)
            {
                ioReadDelta = Math.Max(0, now2.ReadBytes - before.ReadBytes);
                ioWriteDelta = Math.Max(0, now2.WriteBytes - before.WriteBytes);
            }
        }

        _previous[status.Id] = new Previous(pid, usage.CpuTicks, details?.ReadBytes ?? 0, details?.WriteBytes ?? 0, timestamp);
        var readable = details is { } d && d.Unreadable < usage.ProcessCount;
        return row with
        {
            CpuPercent = cpu,
            CpuUserSeconds = Math.Round(usage.UserTicks / ticksPerSecond, 2),
            CpuSystemSeconds = Math.Round(usage.SystemTicks / ticksPerSecond, 2),
            MemoryBytes = usage.ResidentBytes,
            Threads = usage.Threads,
            ProcessCount = usage.ProcessCount,
            OpenFiles = readable ? details!.Value.OpenFiles : null,
            IoReadBytes = readable ? details!.Value.ReadBytes : null,
            IoWriteBytes = readable ? details!.Value.WriteBytes : null,
            IoReadChars = readable ? details!.Value.ReadChars : null,
            IoWriteChars = readable ? details!.Value.WriteChars : null,
            Cgroup = CgroupOf(pid),
        };
    }

    private static CgroupMetrics? CgroupOf(int pid) =>
        CgroupUsage.RunGroupOf(pid) is { } group && CgroupUsage.Read(group) is { } figures
            ? new CgroupMetrics
            {
                CpuUserSeconds = Math.Round(figures.UserSeconds, 3),
                CpuSystemSeconds = Math.Round(figures.SystemSeconds, 3),
                MemoryBytes = figures.MemoryBytes,
                IoReadBytes = figures.IoReadBytes,
                IoWriteBytes = figures.IoWriteBytes,
            }
            : null;

    /// <summary>Forgets instances that are gone.</summary>
    public void KeepOnly(IReadOnlySet<int> ids)
    {
        foreach (var id in _previous.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _previous.Remove(id);
        }
    }

    private readonly record struct Previous(int Pid, long CpuTicks, long ReadBytes, long WriteBytes, long Timestamp);
}
