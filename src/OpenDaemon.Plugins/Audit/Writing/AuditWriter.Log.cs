using Microsoft.Extensions.Logging;

namespace OpenDaemon.Plugins.Audit.Writing;

internal sealed partial class AuditWriter
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "{Dropped} audit entries dropped: the writer's queue was full (an audit.dropped entry records it)")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "the audit entry for {Action} could not be built")]
    private static partial void LogEntryFailed(ILogger logger, string action, Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "the audit log in {Directory} could not be written")]
    private static partial void LogWriteFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "the audit file {Path} was changed outside the daemon ({Expected} bytes written, {Found} found; -1: deleted): reopened; 'od audit verify' shows where the chain breaks")]
    private static partial void LogChangedOutside(ILogger logger, string path, long expected, long found);
}
