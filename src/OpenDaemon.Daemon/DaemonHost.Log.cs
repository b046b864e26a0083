using Microsoft.Extensions.Logging;

namespace OpenDaemon.Daemon;

public sealed partial class DaemonHost
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "daemon started: pid {Pid}, version {Version}, socket {Socket}, home {Home}")]
    private static partial void LogStarted(ILogger logger, int pid, string version, string socket, string home);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "daemon stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "shutdown overran its {Timeout} timeout; lock, PID file and socket released anyway")]
    private static partial void LogShutdownTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "shutdown requested over IPC")]
    private static partial void LogShutdownRequested(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "shutdown requested over IPC failed")]
    private static partial void LogShutdownFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "configuration {Path} reloaded: {Added} added, {Removed} removed, {Changed} changed")]
    private static partial void LogReloaded(ILogger logger, string path, int added, int removed, int changed);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "configuration: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);
}
