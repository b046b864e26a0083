using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps <c>logs</c> (format, timestamp prefix, rotation, history budget; spec §3.3).</summary>
internal static class LogsMapper
{
    public static LogConfig Map(ObjectReader r, string cwd) => new()
    {
        Format = Format(r),
        TimestampFormat = r.String("timestampFormat"),
        CombinedFile = r.FilePath("combinedFile", cwd),
        Rotation = r.Object("rotation", rotation => Rotation(rotation, cwd)),
        History = r.Size("logHistory") ?? LogConfig.DefaultHistoryBytes,
    };

    /// <summary>
    /// Applies the app-level shorthands: <c>logFormat</c> over <c>logs.format</c>, and <c>combinedLogFile</c>
    /// (where PM2's <c>log_file</c> lands) as <c>logs.combinedFile</c> unless that is given too.
    /// </summary>
    public static LogConfig? WithShorthands(LogConfig? logs, ObjectReader app, string cwd)
    {
        if (app.Enum<LogFormat>("logFormat") is { } format)
        {
            logs = (logs ?? new LogConfig()) with { Format = format };
        }

        if (app.FilePath("combinedLogFile", cwd) is { } combined && logs?.CombinedFile is null)
        {
            logs = (logs ?? new LogConfig()) with { CombinedFile = combined };
        }

        return logs;
    }

    /// <summary>
    /// An app of a PM2 ecosystem file that chose no format gets PM2's plain files (<c>text</c>): the app's
    /// lines as it wrote them, so <c>tail -f</c> and log shippers set up for PM2 keep working.
    /// </summary>
    public static LogConfig? PlainForPm2(LogConfig? logs, ObjectReader app)
    {
        var chosen = app.Has("logFormat") || (app.Get("logs") is { ValueKind: System.Text.Json.JsonValueKind.Object } block
            && (block.TryGetProperty("format", out _) || block.TryGetProperty("json", out _)));
        return app.Context.TextLogsByDefault && !chosen ? (logs ?? new LogConfig()) with { Format = LogFormat.Text } : logs;
    }

    // `format: json|text`; `json: true|false` is the older spelling (and what PM2's log_type maps to).
    private static LogFormat Format(ObjectReader r) =>
        r.Enum<LogFormat>("format") ?? (r.Bool("json") is { } json ? (json ? LogFormat.Json : LogFormat.Text) : LogFormat.Json);

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
