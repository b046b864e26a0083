using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

internal sealed partial class InstanceActor
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{App} [{Id}] failed to handle {Message}")]
    private static partial void LogActorError(ILogger logger, Exception error, string app, int id, string message);
}
