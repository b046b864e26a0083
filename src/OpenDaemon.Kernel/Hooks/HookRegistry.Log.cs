using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.Hooks;

public sealed partial class HookRegistry
{
    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Hook {Hook} for {Subject} vetoed by {By}: {Reason}")]
    private static partial void LogVetoed(ILogger logger, string hook, string subject, string by, string reason);
}
