using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager;

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
}
