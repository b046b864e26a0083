using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.Scheduler;

/// <summary>The schedule's target in the daemon: the process manager's published interface.</summary>
internal sealed class ProcessManagerTarget(IProcessManager manager) : IScheduleTarget
{
    public bool IsRunning(string app) =>
        manager.List().Processes.Any(p => p.Name == app && p.Status is ProcessState.Starting or ProcessState.Online or ProcessState.Stopping);

    public int InstanceCount(string app) => Math.Max(1, manager.List().Processes.Count(p => p.Name == app));

    public Task StartAsync(string app, CancellationToken cancellationToken) => manager.StartAsync([app], cancellationToken);

    public Task RestartAsync(string app, CancellationToken cancellationToken) => manager.RestartAsync([app], cancellationToken);
}
