using Microsoft.Extensions.Logging;

namespace OpenDaemon.Api.Http;

/// <summary>
/// The daemon's logger factory as Kestrel and ASP.NET Core see it: only their warnings and errors reach the
/// daemon log. Their informational logging writes a line per request with the full URL, which for a browser's
/// WebSocket carries <c>?access_token=</c> — a secret in the log — and would flood the log besides.
/// </summary>
internal sealed class FrameworkLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new WarningsOnly(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The daemon owns the inner factory.
    }

    private sealed class WarningsOnly(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
