using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.ProcessManager.Dependencies;

internal sealed partial class DependencyStarts
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{App} is not started: its dependency {Why}")]
    private static partial void LogGaveUp(ILogger logger, string app, string why);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{App} could not be started after its dependencies were ready: {Why}")]
    private static partial void LogStartFailed(ILogger logger, string app, string why);
}
