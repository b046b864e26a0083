using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.LogManager.Writing;

internal static partial class RotatedFileMaintenance
{
    [LoggerMessage(EventId = 3311, Level = LogLevel.Warning, Message = "Cannot compress rotated log {Path}: {Reason}. It stays uncompressed")]
    private static partial void LogCompressFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Warning, Message = "Cannot delete old log {Path}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Error, Message = "Log maintenance after rotating {Path} failed")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception error, string path);
}
