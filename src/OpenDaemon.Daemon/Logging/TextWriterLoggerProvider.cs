using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenDaemon.Daemon.Logging;

/// <summary>
/// Writes the daemon's own log as plain lines (<c>2026-11-23T10:00:00.000Z INFO  category: message</c>)
/// to <c>$OD_HOME/daemon.log</c> and, in the foreground, to stderr. The daemon's own log is low
/// volume, so one writer under a lock is simpler than a queue and never loses a line on crash.
/// </summary>
internal sealed class TextWriterLoggerProvider : ILoggerProvider
{
    private readonly IReadOnlyList<TextWriter> _writers;
    private readonly TimeProvider _timeProvider;
    private readonly LogLevel _minimumLevel;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, TextWriterLogger> _loggers = new(StringComparer.Ordinal);
    private readonly RepeatSuppressor _repeats;

    public TextWriterLoggerProvider(IReadOnlyList<TextWriter> writers, LogLevel minimumLevel, TimeProvider timeProvider)
    {
        _writers = writers;
        _minimumLevel = minimumLevel;
        _timeProvider = timeProvider;
        _repeats = new RepeatSuppressor(timeProvider);
    }

    /// <summary>Opens (appends to) a log file that other processes may read while it is written.</summary>
    public static StreamWriter OpenFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // like everything in OD_HOME
        }

        var stream = new FileStream(path, options);
        return new StreamWriter(stream) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new TextWriterLogger(name, provider), this);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var writer in _writers)
            {
                writer.Flush();
                if (writer != Console.Error)
                {
                    writer.Dispose();
                }
            }
        }
    }

    private bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= _minimumLevel;

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var text = $"{LevelName(level)} {ShortCategory(category)}: {message}";
        var line = $"{_timeProvider.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {text}";
        if (exception is not null)
        {
            line += System.Environment.NewLine + exception;
        }

        lock (_gate)
        {
            if (!_repeats.ShouldWrite(text, out var repeated))
            {
                return;
            }

            if (repeated > 0)
            {
                line = $"{_timeProvider.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {text} (repeated {repeated} times in the last {RepeatSuppressor.Window.TotalSeconds:0} s)" + System.Environment.NewLine + line;
            }

            foreach (var writer in _writers)
            {
                try
                {
                    writer.WriteLine(line);
                }
                catch (IOException)
                {
                    // A full disk or a closed stderr must never take the daemon down with it.
                }
                catch (ObjectDisposedException)
                {
                    // Logging during shutdown after the writers closed.
                }
            }
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }

    private sealed class TextWriterLogger(string category, TextWriterLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (provider.IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
