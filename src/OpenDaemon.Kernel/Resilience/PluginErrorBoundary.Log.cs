using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.Resilience;

public sealed partial class PluginErrorBoundary
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Plugin {Plugin} failed in {Operation}")]
    private static partial void LogFailed(ILogger logger, string plugin, string operation, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Plugin {Plugin} tripped its circuit breaker after {Failures} failures; retrying at {RetryAt}")]
    private static partial void LogTripped(ILogger logger, string plugin, int failures, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Plugin {Plugin} threw from OnError")]
    private static partial void LogOnErrorThrew(ILogger logger, string plugin, Exception exception);
}
