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
/// Runs on its own event-bus subscription, one event at a time, and may run well after the event (a busy
/// daemon): so what an instance ran when it came online is taken from the event (its pid), never from the
/// instance's state at handling time, which may already be a later one. An instance is "back" when it comes
/// online with another pid than the last time it did; its first online (the first start) restarts nothing.
/// The dependents restart once every instance of the app is online again (a rolling restart of a cluster
/// cascades once, when the last instance is back).
/// </remarks>
internal sealed class CascadeRestarts : IDisposable
{
    private readonly Dictionary<int, int> _onlinePidByInstance = [];
    private readonly HashSet<string> _backSinceLastCascade = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    private readonly Func<IReadOnlyList<Config.Model.ProcessConfig>> _apps;
    private readonly Func<string, IReadOnlyList<InstanceSnapshot>?> _instancesOf;
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _restart;

    public CascadeRestarts(
        IEventBus events,
        Func<IReadOnlyList<Config.Model.ProcessConfig>> apps,
        Func<string, IReadOnlyList<InstanceSnapshot>?> instancesOf,
        Func<IReadOnlyList<string>, CancellationToken, Task> restart)
    {
        _apps = apps;
        _instancesOf = instancesOf;
        _restart = restart;
        _subscription = events.Subscribe("process:online", async (daemonEvent, cancellationToken) =>
        {
            if (daemonEvent.Payload.Deserialize(ContractsJsonContext.Default.ProcessEvent) is { } online)
            {
                await OnOnlineAsync(online, cancellationToken).ConfigureAwait(false);
            }
        });
    }

    /// <summary>Handles one <c>process:online</c> event; called one at a time (by the subscription, or a test).</summary>
    internal async Task OnOnlineAsync(ProcessEvent online, CancellationToken cancellationToken)
    {
        if (online.Pid is not { } pid)
        {
            return;
        }

        if (_onlinePidByInstance.TryGetValue(online.Id, out var before) && before != pid)
        {
            _backSinceLastCascade.Add(online.Name);
        }

        _onlinePidByInstance[online.Id] = pid;
        if (!_backSinceLastCascade.Contains(online.Name)
            || _instancesOf(online.Name) is not { Count: > 0 } instances
            || !instances.All(i => i.State == ProcessState.Online))
        {
            return; // not back, gone, or another instance is still on its way: its own online event comes later
        }

        _backSinceLastCascade.Remove(online.Name);
        if (!instances[0].Config.CascadeRestart)
        {
            return;
        }

        var dependents = _apps()
            .Where(app => app.Dependencies.Contains(online.Name, StringComparer.Ordinal))
            .Select(app => app.Name)
            .Where(name => _instancesOf(name)?.Any(i => i.State is ProcessState.Starting or ProcessState.Online) == true)
            .ToList();
        if (dependents.Count > 0)
        {
            await _restart(dependents, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
