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
        if (r.Has("socketPath"))
        {
            // The CLI finds the daemon before it reads any config, so a socket named only here would
            // leave every `od` command talking to the wrong place.
            r.Context.Problem(r.PathOf("socketPath"),
                "'daemon.socketPath' is not supported: od finds the daemon before it reads a config file, so it would not find it there; set OD_SOCKET (the socket alone) or OD_HOME (everything) in the environment of the daemon and of od instead",
                null, "no 'socketPath'; OD_SOCKET or OD_HOME in the environment");
        }

        var group = r.StringOrNumber("socketGroup", "a group name or a gid");
        if (group is not null && group.Trim().Length == 0)
        {
            r.Context.Problem(r.PathOf("socketGroup"), "'socketGroup' must not be empty", "\"\"", "a group name or a gid");
            group = null;
        }

        var auth = r.String("socketAuth")?.Trim().ToLowerInvariant();
        if (auth is not null && auth is not ("none" or "token"))
        {
            var found = ObjectReader.Quote(auth);
            r.Context.Problem(r.PathOf("socketAuth"), $"expected one of none, token, found {found}", found, "one of none, token");
            auth = null;
        }

        var rate = r.Object("socketRateLimit", l => new Rate(l.Int("perSecond", min: 1, max: 1_000_000), l.Int("burst", min: 1, max: 1_000_000)));
        return new DaemonSettings
        {
            SocketGroup = group?.Trim(),
            SocketTokenRequired = auth == "token",
            SocketRequestsPerSecond = rate?.PerSecond ?? defaults.SocketRequestsPerSecond,
            SocketBurst = rate?.Burst ?? defaults.SocketBurst,
            LogLevel = level ?? defaults.LogLevel,
            PidFile = r.FilePath("pidFile", r.Context.BaseDirectory),
            LogDir = r.FilePath("logDir", r.Context.BaseDirectory),
            ShutdownTimeout = shutdown ?? defaults.ShutdownTimeout,
        };
    }

    private sealed record Rate(int? PerSecond, int? Burst);
}
