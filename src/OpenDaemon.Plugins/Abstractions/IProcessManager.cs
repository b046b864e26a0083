using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// The process manager as other parts of the daemon see it (the composition root for config
/// reload and resurrect; later plugins such as health checks and deploys).
/// </summary>
public interface IProcessManager
{
    /// <summary>The process table.</summary>
    ProcessList List();

    /// <summary>Starts the apps of a configuration the daemon was started with; apps already known are left alone.</summary>
    Task<ProcessList> StartConfiguredAsync(OpenDaemonConfig config, CancellationToken cancellationToken);

    /// <summary>Applies a reloaded configuration: added apps start, removed apps stop and go, changed apps restart.</summary>
    Task<ProcessList> ApplyReloadAsync(OpenDaemonConfig config, ConfigReloadResult changes, CancellationToken cancellationToken);

    /// <summary>Starts the apps saved in dump.json.</summary>
    Task<ProcessList> ResurrectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The instances that <paramref name="targets"/> name (<c>all</c>, app names, instance ids, comma lists),
    /// with their configuration, ordered by id; PROCESS_NOT_FOUND for a target that matches nothing.
    /// </summary>
    IReadOnlyList<ManagedInstance> Resolve(IReadOnlyList<string> targets);

    /// <summary>Every instance's state, ordered by id, from the actors' snapshots (no /proc reading).</summary>
    IReadOnlyList<InstanceStatus> Statuses();

    /// <summary>Starts known apps or instances (as <c>od start name</c>); what already runs is left alone.</summary>
    Task<ProcessList> StartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken);

    /// <summary>Stops instances (as <c>od stop</c>): no automatic restart follows.</summary>
    Task<ProcessList> StopAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken);

    /// <summary>Scales an app in place (as <c>od scale</c>); OPERATION_IN_PROGRESS while a reload or scale of it runs.</summary>
    Task<ProcessList> ScaleAsync(ProcessScaleParams parameters, CancellationToken cancellationToken);

    /// <summary>Restarts instances gracefully (as <c>od restart</c>).</summary>
    Task<ProcessList> RestartAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken);
}
