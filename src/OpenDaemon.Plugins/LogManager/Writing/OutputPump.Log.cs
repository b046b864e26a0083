using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.LogManager.Writing;

internal sealed partial class OutputPump
{
    [LoggerMessage(EventId = 3321, Level = LogLevel.Error, Message = "{App} [{Id}] capturing {Source} failed; the rest of it is discarded")]
    private static partial void LogPumpFailed(ILogger logger, Exception error, string app, int id, string source);

    [LoggerMessage(EventId = 3322, Level = LogLevel.Warning, Message = "{App} [{Id}] live log followers failed; this run's lines are no longer streamed")]
    private static partial void LogTapFailed(ILogger logger, Exception error, string app, int id);
}
