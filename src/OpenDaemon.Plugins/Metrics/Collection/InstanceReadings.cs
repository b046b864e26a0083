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

    public ProcessMetrics Read(InstanceStatus status, IReadOnlyDictionary<int, TreeUsage> sessions, CgroupFigures? cgroup, long timestamp, TimeSpan sinceLastPass, DateTimeOffset now, out long ioReadDelta, out long ioWriteDelta)
    {
        ioReadDelta = ioWriteDelta = 0;
        TreeUsage? measured = null;
        double? cpu = null;
        if (status.Pid is { } pid && sessions.TryGetValue(pid, out var usage))
        {
            measured = usage;
            if (_previous.TryGetValue(status.Id, out var before) && before.Pid == pid && sinceLastPass > TimeSpan.Zero)
            {
                cpu = Math.Round(Math.Max(0, usage.CpuTicks - before.CpuTicks) / TicksPerSecond / sinceLastPass.TotalSeconds * 100, 2);
                if (usage.Details is { } io)
                {
                    ioReadDelta = Math.Max(0, io.ReadBytes - before.ReadBytes);
                    ioWriteDelta = Math.Max(0, io.WriteBytes - before.WriteBytes);
                }
            }

            _previous[status.Id] = new Previous(pid, usage.CpuTicks, usage.Details?.ReadBytes ?? 0, usage.Details?.WriteBytes ?? 0, timestamp);
        }
        else
        {
            _previous.Remove(status.Id);
        }

        // One object per instance and pass (a row is most of what a pass allocates with 1,000 apps).
        var details = measured is { } m && m.Details is { } d && d.Unreadable < m.ProcessCount ? d : (TreeDetails?)null;
        return new ProcessMetrics
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
            CpuPercent = cpu,
            CpuUserSeconds = measured is { } u1 ? Math.Round(u1.UserTicks / TicksPerSecond, 2) : null,
            CpuSystemSeconds = measured is { } u2 ? Math.Round(u2.SystemTicks / TicksPerSecond, 2) : null,
            MemoryBytes = measured?.ResidentBytes,
            Threads = measured?.Threads,
            ProcessCount = measured?.ProcessCount,
            OpenFiles = details?.OpenFiles,
            IoReadBytes = details?.ReadBytes,
            IoWriteBytes = details?.WriteBytes,
            IoReadChars = details?.ReadChars,
            IoWriteChars = details?.WriteChars,
            Cgroup = measured is null ? null : CgroupOf(cgroup),
        };
    }

    private static double TicksPerSecond => ProcessTreeSampler.ClockTicksPerSecond;

    private static CgroupMetrics? CgroupOf(CgroupFigures? read) =>
        read is { } figures
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
