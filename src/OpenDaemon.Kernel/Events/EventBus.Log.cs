using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.Events;

public sealed partial class EventBus
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Event {Topic} dropped for subscriber '{Pattern}' of {Owner}: its queue of {Capacity} is full ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string topic, string pattern, string owner, int capacity, long dropped);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Event handler '{Pattern}' failed on {Topic}")]
    private static partial void LogHandlerFailed(ILogger logger, string pattern, string topic, Exception exception);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "{Count} event handlers did not stop within the shutdown wait")]
    private static partial void LogShutdownTimedOut(ILogger logger, int count);
}
