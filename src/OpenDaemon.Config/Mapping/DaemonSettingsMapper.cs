using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps the <c>daemon</c> section (spec §4.2); paths are absolute against the config's directory.</summary>
internal static class DaemonSettingsMapper
{
    private static readonly string[] Levels = ["trace", "debug", "info", "warn", "error", "fatal"];

    public static DaemonSettings Map(ObjectReader r)
    {
        var defaults = new DaemonSettings();
        var level = r.String("logLevel")?.Trim().ToLowerInvariant();
        if (level is not null && !Levels.Contains(level))
        {
            var expected = "one of " + string.Join(", ", Levels);
            var found = ObjectReader.Quote(level);
            r.Context.Problem(r.PathOf("logLevel"), $"expected {expected}, found {found}", found, expected);
            level = null;
        }

        var shutdown = r.Duration("shutdownTimeout");
        return new DaemonSettings
        {
            LogLevel = level ?? defaults.LogLevel,
            PidFile = r.FilePath("pidFile", r.Context.BaseDirectory),
            LogDir = r.FilePath("logDir", r.Context.BaseDirectory),
            SocketPath = r.FilePath("socketPath", r.Context.BaseDirectory),
            ShutdownTimeout = shutdown ?? defaults.ShutdownTimeout,
        };
    }
}
