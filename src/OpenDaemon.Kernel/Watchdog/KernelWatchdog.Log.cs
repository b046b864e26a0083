using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.Watchdog;

public sealed partial class KernelWatchdog
{
    [LoggerMessage(EventId = 340, Level = LogLevel.Warning, Message = "Kernel stalled: a thread-pool probe has waited {Waited} to run; something is blocking threads")]
    private static partial void LogStalled(ILogger logger, TimeSpan waited);

    [LoggerMessage(EventId = 341, Level = LogLevel.Information, Message = "Kernel recovered from a stall; the probe ran after {Lag}")]
    private static partial void LogRecovered(ILogger logger, TimeSpan lag);
}
