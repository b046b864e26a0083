using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.ProcessManager.Monitoring;

namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>Builds the wire rows of the process table from actor snapshots and /proc readings.</summary>
internal static class ProcessSummaries
{
    public static ProcessSummary From(InstanceSnapshot snapshot, ResourceMonitor? monitor, DateTimeOffset now)
    {
        var reading = snapshot.Pid is { } pid ? monitor?.Read(pid) : null;
        return new ProcessSummary
        {
            Id = snapshot.Id,
            Name = snapshot.Name,
            Instance = snapshot.Instance,
            Namespace = snapshot.Config.Namespace,
            Mode = snapshot.Config.Mode == Config.Model.ExecMode.Cluster ? "cluster" : "fork",
            Status = snapshot.State,
            Pid = snapshot.Pid,
            RunId = snapshot.RunId > 0 ? snapshot.RunId : null,
            Restarts = snapshot.Restarts,
            UnstableRestarts = snapshot.UnstableRestarts,
            StartedAt = snapshot.StartedAt,
            UptimeMs = snapshot.StartedAt is { } started ? Math.Max(0, (long)(now - started).TotalMilliseconds) : null,
            CpuPercent = reading?.CpuPercent is { } cpu ? Math.Round(cpu, 1) : null,
            MemoryBytes = reading?.ResidentBytes,
            User = snapshot.User,
            NextRestartAt = snapshot.NextRestartAt,
            Health = snapshot.Health?.Status,
            Reason = snapshot.Reason,
            Activity = snapshot.Activity,
        };
    }

    public static ProcessList List(IEnumerable<InstanceSnapshot> snapshots, ResourceMonitor? monitor, DateTimeOffset now, IReadOnlyList<string>? notes = null) => new()
    {
        Processes = [.. snapshots.OrderBy(snapshot => snapshot.Id).Select(snapshot => From(snapshot, monitor, now))],
        Notes = notes is { Count: > 0 } ? notes : null,
    };
}
