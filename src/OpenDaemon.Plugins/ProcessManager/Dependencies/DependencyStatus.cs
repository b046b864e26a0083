using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Dependencies;

/// <summary>Whether a dependency is ready for its dependents, from its instances' snapshots.</summary>
/// <param name="Ready">Every instance online and ready, and healthy when it has a health check.</param>
/// <param name="Failed">It ended errored with no restart coming: the dependent will not start.</param>
/// <param name="Text">What a waiting dependent says about it ("db not healthy").</param>
internal sealed record DependencyStatus(bool Ready, bool Failed, string Text)
{
    public static DependencyStatus Of(string name, IReadOnlyList<InstanceSnapshot>? instances)
    {
        if (instances is null || instances.Count == 0)
        {
            return new(false, false, $"{name} is not defined");
        }

        if (instances.Any(i => i.State == ProcessState.Errored && i.NextRestartAt is null))
        {
            return new(false, true, $"{name} errored");
        }

        if (instances.Any(i => i.State == ProcessState.Errored))
        {
            return new(false, false, $"{name} errored, restarting");
        }

        if (instances.Any(i => i.State is ProcessState.Created or ProcessState.Stopped or ProcessState.Stopping))
        {
            return new(false, false, $"{name} not started");
        }

        if (instances.Any(i => i.State == ProcessState.Starting))
        {
            return new(false, false, $"{name} not ready");
        }

        // Online: healthy too when a health check watches it (Health is null without one, or without the plugin).
        return instances.Any(i => i.Health is { Status: not HealthStatus.Healthy })
            ? new(false, false, $"{name} not healthy")
            : new(true, false, $"{name} ready");
    }
}
