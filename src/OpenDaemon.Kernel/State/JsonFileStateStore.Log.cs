using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.State;

internal sealed partial class JsonFileStateStore
{
    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "State file {Path} is corrupt ({Reason}); moved aside to {Aside}, starting empty")]
    private static partial void LogCorruptMovedAside(ILogger logger, string path, string aside, string reason);

    [LoggerMessage(EventId = 331, Level = LogLevel.Error, Message = "Could not write state file {Path}; will retry on the next change or flush")]
    private static partial void LogWriteFailed(ILogger logger, string path, Exception exception);
}
