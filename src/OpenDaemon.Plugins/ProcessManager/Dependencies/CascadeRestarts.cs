using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Dependencies;

/// <summary>
/// <c>cascadeRestart</c> (spec §3.8): when an app that sets it is back online after a restart —
/// asked for (<c>od restart db</c>) or automatic (a crash) — its direct dependents that are up restart
/// too, so that they reconnect to the new instance. Their own dependents follow when they set
/// <c>cascadeRestart</c> as well. Without the flag a dependency's restart restarts nothing else.
/// </summary>
/// <remarks>
/// Runs on its own event-bus subscription, one event at a time. "Back online" means every instance
/// of the app is online with a different set of runs than when it last was: the first time all are
/// online (the first start) is remembered and restarts nothing.
/// </remarks>
internal sealed class CascadeRestarts : IDisposable
{
    private readonly Dictionary<string, string> _onlineRuns = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public CascadeRestarts(
        IEventBus events,
        Func<IReadOnlyList<Config.Model.ProcessConfig>> apps,
        Func<string, IReadOnlyList<InstanceSnapshot>?> instancesOf,
        Func<IReadOnlyList<string>, CancellationToken, Task> restart)
    {
        _subscription = events.Subscribe("process:online", async (daemonEvent, cancellationToken) =>
        {
            if (daemonEvent.Payload.Deserialize(ContractsJsonContext.Default.ProcessEvent) is not { } online
                || instancesOf(online.Name) is not { Count: > 0 } instances
                || !instances.All(i => i.State == ProcessState.Online))
            {
                return;
            }

            var runs = string.Join(',', instances.Select(i => i.RunId));
            var seenBefore = _onlineRuns.TryGetValue(online.Name, out var before);
            _onlineRuns[online.Name] = runs;
            if (!seenBefore || before == runs || !instances[0].Config.CascadeRestart)
            {
                return;
            }

            var dependents = apps()
                .Where(app => app.Dependencies.Contains(online.Name, StringComparer.Ordinal))
                .Select(app => app.Name)
                .Where(name => instancesOf(name)?.Any(i => i.State is ProcessState.Starting or ProcessState.Online) == true)
                .ToList();
            if (dependents.Count > 0)
            {
                await restart(dependents, cancellationToken).ConfigureAwait(false);
            }
        });
    }

    public void Dispose() => _subscription.Dispose();
}
