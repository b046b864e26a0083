using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.Plugins;

public sealed partial class PluginHost
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Plugin {Plugin} {Version} started")]
    private static partial void LogPluginStarted(ILogger logger, string plugin, string version);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Plugin {Plugin} not started: {Reason}")]
    private static partial void LogNotStarted(ILogger logger, string plugin, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Kernel started: {Running} of {Total} plugins running")]
    private static partial void LogStarted(ILogger logger, int running, int total);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "{Count} plugins failed to stop cleanly: {Failures}")]
    private static partial void LogStopFailures(ILogger logger, int count, string failures);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Plugin {Plugin} enabled")]
    private static partial void LogEnabled(ILogger logger, string plugin);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Plugin {Plugin} disabled")]
    private static partial void LogDisabled(ILogger logger, string plugin);
}
