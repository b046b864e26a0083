using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

internal sealed partial class InstanceRunner
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{App} [{Id}] started, pid {Pid}")]
    private static partial void LogSpawned(ILogger logger, string app, int id, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] could not write its pid_file: {Reason}")]
    private static partial void LogPidFileFailed(ILogger logger, string app, int id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] could not start: {Reason}")]
    private static partial void LogSpawnFailed(ILogger logger, string app, int id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} [{Id}] pid {Pid} ended: {Exit}")]
    private static partial void LogExited(ILogger logger, string app, int id, int pid, string exit);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} [{Id}] stopping pid {Pid} with {Signal}")]
    private static partial void LogStopping(ILogger logger, string app, int id, int pid, string signal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] pid {Pid} had not taken every connection given to it after {Milliseconds} ms (busy?): stopping it anyway")]
    private static partial void LogDrainUnanswered(ILogger logger, string app, int id, int pid, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] process group {Pid} still alive after killTimeout {Milliseconds} ms: SIGKILL")]
    private static partial void LogKilling(ILogger logger, string app, int id, int pid, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{App} [{Id}] process group {Pid} survived SIGKILL (a process in uninterruptible sleep?); giving up waiting for it")]
    private static partial void LogGroupSurvived(ILogger logger, string app, int id, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] runs without its health check: {Reason}")]
    private static partial void LogHealthUnavailable(ILogger logger, string app, int id, string reason);
}
