using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

internal sealed partial class RunTrees
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}]: no cgroup for this run ({Reason}); its processes are tracked through /proc")]
    private static partial void LogCgroupFailed(ILogger logger, string app, int id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the daemon stays in its own cgroup ({Reason}): each app is still moved into a cgroup of its own right after its spawn, but what it forks before that move is found through /proc")]
    private static partial void LogMoveFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}]: cannot record the run for crash recovery: {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, string app, int id, string reason);
}
