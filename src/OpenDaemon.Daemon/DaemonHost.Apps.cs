using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager;

namespace OpenDaemon.Daemon;

// The apps a daemon starts by itself: those saved with `od save` (when started with --resurrect)
// and those of its -c configuration file. Then, on `daemon.reload`, what changed in that file.
public sealed partial class DaemonHost
{
    /// <summary>How long start-up waits for the apps to settle before it answers anyway (they keep starting).</summary>
    private static readonly TimeSpan AppStartWait = TimeSpan.FromSeconds(10);

    private IProcessManager? ProcessManager => _plugins?.GetPlugin<IProcessManager>(ProcessManagerPlugin.PluginName);

    private async Task StartAppsAsync(CancellationToken cancellationToken)
    {
        if (ProcessManager is not { } manager)
        {
            return;
        }

        var starting = StartAppsAsync(manager, cancellationToken);
        await Task.WhenAny(starting, Task.Delay(AppStartWait, _options.TimeProvider, cancellationToken)).ConfigureAwait(false);
    }

    private async Task StartAppsAsync(IProcessManager manager, CancellationToken cancellationToken)
    {
        if (_options.Resurrect)
        {
            try
            {
                var restored = await manager.ResurrectAsync(cancellationToken).ConfigureAwait(false);
                LogResurrected(_logger, restored.Processes.Count);
            }
            catch (DaemonException error)
            {
                LogResurrectFailed(_logger, error.Message);
            }
        }

        if (_config.Apps.Count > 0)
        {
            var started = await manager.StartConfiguredAsync(_config, cancellationToken).ConfigureAwait(false);
            LogConfiguredAppsStarted(_logger, started.Processes.Count, _configPath);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "resurrected {Count} instance(s) from dump.json")]
    private static partial void LogResurrected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "nothing resurrected: {Reason}")]
    private static partial void LogResurrectFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "started {Count} instance(s) of {Path}")]
    private static partial void LogConfiguredAppsStarted(ILogger logger, int count, string? path);
}
