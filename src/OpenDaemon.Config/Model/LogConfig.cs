namespace OpenDaemon.Config.Model;

/// <summary>Per-app log options beyond the file names (spec §3.3; key <c>logs</c>).</summary>
public sealed record LogConfig
{
    /// <summary>The default per-app budget for all of an app's log files together (spec §12.2).</summary>
    public const long DefaultHistoryBytes = 100L << 20;

    /// <summary>How lines are stored: JSON Lines entries (default) or plain text.</summary>
    public LogFormat Format { get; init; } = LogFormat.Json;

    /// <summary>
    /// Text format only: timestamp prefix <c>iso</c>, <c>unix</c> (milliseconds), a custom pattern such as
    /// <c>YYYY-MM-DD HH:mm:ss</c> (PM2 <c>log_date_format</c>, local time), or null for none.
    /// </summary>
    public string? TimestampFormat { get; init; }

    /// <summary>
    /// A file that gets both stdout and stderr besides their own files (PM2 <c>log_file</c>), absolute, or
    /// null for none. With several instances and no <c>mergeLogs</c> each instance gets its own
    /// (<c>-&lt;instance&gt;</c> before the extension), as for <c>logFile</c>.
    /// </summary>
    public string? CombinedFile { get; init; }

    /// <summary>Rotation, or null for the log manager's defaults (10 MB, 10 files, gzip, daily).</summary>
    public RotationConfig? Rotation { get; init; }

    /// <summary>Budget for the app's current and rotated log files together (<c>logHistory</c>); default 100 MB.</summary>
    public long History { get; init; } = DefaultHistoryBytes;
}

/// <summary>How log lines are stored on disk.</summary>
public enum LogFormat
{
    /// <summary>One LogEntry JSON object per line (spec §3.3).</summary>
    Json,

    /// <summary>The line as the app wrote it, with an optional timestamp prefix.</summary>
    Text,
}
