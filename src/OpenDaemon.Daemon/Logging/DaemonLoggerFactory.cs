using Microsoft.Extensions.Logging;

namespace OpenDaemon.Daemon.Logging;

/// <summary>The daemon's loggers: $OD_HOME/daemon.log (rotated by size), and stderr when running in the foreground.</summary>
internal static class DaemonLoggerFactory
{
    /// <exception cref="UnauthorizedAccessException">The log file cannot be opened.</exception>
    public static ILoggerFactory Create(DaemonHostOptions options)
    {
        List<TextWriter> writers = [new RotatingLogWriter(options.Environment.DaemonLogPath, RotatingLogWriter.DefaultMaxBytes, RotatingLogWriter.DefaultKeep)];
        if (options.LogToStandardError)
        {
            writers.Add(Console.Error);
        }

        // Built directly, not with LoggerFactory.Create: that builds a dependency-injection container first, ~10 %
        // of the daemon's start-up, for one provider and one level. As with Create, the factory does not dispose
        // the provider.
        var provider = new TextWriterLoggerProvider(writers, options.MinimumLogLevel, options.TimeProvider);
        return new LoggerFactory([provider], new LoggerFilterOptions { MinLevel = options.MinimumLogLevel });
    }
}
