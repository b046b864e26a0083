using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Daemon.Startup;

/// <summary>
/// The apps a daemon starts by itself: those saved with <c>od save</c> (when started with --resurrect),
/// then those of its -c configuration file. Start-up waits for them a bounded time, then answers anyway
/// while they keep starting.
/// </summary>
internal static partial class StartupApps
{
    /// <summary>How long start-up waits for the apps to settle before it answers anyway.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static async Task StartAsync(IProcessManager manager, bool resurrect, OpenDaemonConfig config, string? configPath, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var starting = StartAllAsync(manager, resurrect, config, configPath, logger, cancellationToken);
        await Task.WhenAny(starting, Task.Delay(Wait, time, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task StartAllAsync(IProcessManager manager, bool resurrect, OpenDaemonConfig config, string? configPath, ILogger logger, CancellationToken cancellationToken)
    {
        if (resurrect)
        {
            try
            {
                var restored = await manager.ResurrectAsync(cancellationToken).ConfigureAwait(false);
                LogResurrected(logger, restored.Processes.Count);
            }
            catch (DaemonException error)
            {
                LogResurrectFailed(logger, error.Message);
            }
        }

        if (config.Apps.Count > 0)
        {
            var started = await manager.StartConfiguredAsync(config, cancellationToken).ConfigureAwait(false);
            LogConfiguredAppsStarted(logger, started.Processes.Count, configPath);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "resurrected {Count} instance(s) from dump.json")]
    private static partial void LogResurrected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "nothing resurrected: {Reason}")]
    private static partial void LogResurrectFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "started {Count} instance(s) of {Path}")]
    private static partial void LogConfiguredAppsStarted(ILogger logger, int count, string? path);
}
