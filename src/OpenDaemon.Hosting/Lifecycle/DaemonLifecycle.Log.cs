using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Hosting.Lifecycle;

/// <content>Log messages, event ids 100–119.</content>
public sealed partial class DaemonLifecycle
{
    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Information, "Daemon {Name} started (PID {Pid}, PID file {PidPath})")]
        public static partial void Started(ILogger logger, string name, int pid, string pidPath);

        [LoggerMessage(101, LogLevel.Information, "Daemon {Name} stopping")]
        public static partial void Stopping(ILogger logger, string name);

        [LoggerMessage(102, LogLevel.Information, "Daemon {Name} stopped; lock released")]
        public static partial void Stopped(ILogger logger, string name);

        [LoggerMessage(103, LogLevel.Error, "Daemon {Name}: a shutdown handler failed")]
        public static partial void ShutdownHandlerFailed(ILogger logger, string name, Exception exception);

        [LoggerMessage(104, LogLevel.Error, "Daemon {Name} did not shut down within {Timeout}; {Unfinished} handler(s) abandoned or skipped")]
        public static partial void ShutdownTimedOut(ILogger logger, string name, TimeSpan timeout, int unfinished);

        [LoggerMessage(105, LogLevel.Warning, "Daemon {Name}: stop cancelled by the caller; {Unfinished} handler(s) abandoned or skipped")]
        public static partial void StopCancelled(ILogger logger, string name, int unfinished);

        [LoggerMessage(106, LogLevel.Warning, "Daemon {Name}: an abandoned shutdown handler failed after the deadline")]
        public static partial void AbandonedShutdownHandlerFailed(ILogger logger, string name, Exception exception);

        [LoggerMessage(107, LogLevel.Information, "Daemon {Name} received {Signal}; stopping")]
        public static partial void SignalReceived(ILogger logger, string name, PosixSignal signal);

        [LoggerMessage(108, LogLevel.Error, "Daemon {Name}: stop after a signal failed")]
        public static partial void StopAfterSignalFailed(ILogger logger, string name, Exception exception);

        [LoggerMessage(109, LogLevel.Warning, "Daemon {Name}: a StateChanged subscriber failed on {State}")]
        public static partial void StateChangedSubscriberFailed(ILogger logger, string name, DaemonState state, Exception exception);

        [LoggerMessage(110, LogLevel.Error, "Daemon {Name}: stop during dispose failed")]
        public static partial void StopOnDisposeFailed(ILogger logger, string name, Exception exception);
    }
}
