using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps <c>logs</c> (timestamp format, JSON lines, rotation; spec §3.3).</summary>
internal static class LogsMapper
{
    public static LogConfig Map(ObjectReader r, string cwd) => new()
    {
        TimestampFormat = r.String("timestampFormat"),
        Json = r.Bool("json") ?? false,
        Rotation = r.Object("rotation", rotation => Rotation(rotation, cwd)),
    };

    private static RotationConfig Rotation(ObjectReader r, string cwd)
    {
        var defaults = new RotationConfig();
        return new RotationConfig
        {
            Enabled = r.Bool("enabled") ?? defaults.Enabled,
            MaxSize = r.Size("maxSize") ?? defaults.MaxSize,
            MaxFiles = r.Int("maxFiles", min: 1) ?? defaults.MaxFiles,
            // The spec counts a bare maxAge number in seconds, unlike every other duration.
            MaxAge = r.Duration("maxAge", numberIsSeconds: true),
            Compress = r.Bool("compress") ?? defaults.Compress,
            Directory = r.FilePath("directory", cwd),
            DatePattern = r.String("datePattern") ?? defaults.DatePattern,
        };
    }
}
