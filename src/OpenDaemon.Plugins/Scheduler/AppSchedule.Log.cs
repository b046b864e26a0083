using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.Scheduler;

internal sealed partial class AppSchedule
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{App}: scheduled run started (attempt {Attempt})")]
    private static partial void LogFired(ILogger logger, string app, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{App}: scheduled run skipped, the previous run is still running")]
    private static partial void LogSkipped(ILogger logger, string app);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{App}: scheduled run could not be started: {Reason}")]
    private static partial void LogFireFailed(ILogger logger, string app, string reason);
}
