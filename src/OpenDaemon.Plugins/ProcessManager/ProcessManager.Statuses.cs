using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager;

// What the metrics collector reads every interval: the actors' snapshots only, no /proc pass.
internal sealed partial class ProcessManager
{
    public IReadOnlyList<InstanceStatus> Statuses() =>
        [.. _table.Instances.Select(instance => instance.Snapshot).OrderBy(snapshot => snapshot.Id)
            .Select(s => new InstanceStatus(s.Id, s.Instance, s.Config, s.State, s.Pid, s.Restarts, s.StartedAt))];
}
