using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.HealthCheck;

internal sealed partial class HealthWatch
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{App} [{Id}] health {Previous} → {Status}: {Detail}")]
    private static partial void LogStatusChanged(ILogger logger, string app, int id, HealthStatus previous, HealthStatus status, string? detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{App} [{Id}] health check round failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception error, string app, int id);
}
