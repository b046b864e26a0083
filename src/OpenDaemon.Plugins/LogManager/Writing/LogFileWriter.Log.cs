using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.LogManager.Writing;

internal sealed partial class LogFileWriter
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "Cannot open log file {Path}: {Reason}. Output meant for it is discarded so the app does not block")]
    private static partial void LogCannotOpen(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Cannot write log file {Path}: {Reason}. Lines are kept and retried; the app blocks once too many are waiting")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Log file {Path} is writable again")]
    private static partial void LogWriteRecovered(ILogger logger, string path);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Error, Message = "Closing log file {Path}: {Bytes} bytes could not be written and are lost")]
    private static partial void LogDataLost(ILogger logger, string path, int bytes);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Warning, Message = "Cannot rotate log file {Path} to {Rotated}: {Reason}. It keeps growing; rotation is retried in a minute")]
    private static partial void LogRotationFailed(ILogger logger, string path, string rotated, string reason);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Warning, Message = "Log file {Path} was reopened because {Cause}; recreated it. 0 lines lost: the {Lines} line(s) waiting to be written went to the new file")]
    private static partial void LogReopened(ILogger logger, string path, string cause, int lines);
}
