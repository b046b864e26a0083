using System.Globalization;

namespace OpenDaemon.Cli.Output;

/// <summary>Short human forms of durations and sizes for tables (<c>3h 12m</c>, <c>28.4 MB</c>).</summary>
internal static class HumanFormat
{
    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB"];

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => $"{(int)span.TotalSeconds}s",
        { TotalMinutes: < 60 } => $"{span.Minutes}m {span.Seconds}s",
        { TotalHours: < 24 } => $"{span.Hours}h {span.Minutes}m",
        _ => $"{(int)span.TotalDays}d {span.Hours}h",
    };

    /// <summary>The one-unit form PM2 users know from its table: <c>12s</c>, <c>5m</c>, <c>3h</c>, <c>2D</c>.</summary>
    public static string Uptime(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => $"{(int)Math.Max(0, span.TotalSeconds)}s",
        { TotalMinutes: < 60 } => $"{(int)span.TotalMinutes}m",
        { TotalHours: < 24 } => $"{(int)span.TotalHours}h",
        _ => $"{(int)span.TotalDays}D",
    };

    /// <summary>Settings and run lengths, exact enough to tell 1.6 s from 2 s: <c>250ms</c>, <c>1.6s</c>, <c>2m 30s</c>.</summary>
    public static string Interval(TimeSpan span) => span switch
    {
        { Ticks: 0 } => "0s",
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms"),
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s"),
        _ => Duration(span),
    };

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {ByteUnits[unit]}");
    }

    /// <summary>CPU use: <c>0%</c>, <c>0.3%</c>, <c>112.5%</c> (percent of one core).</summary>
    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.#}%");

    public static string Milliseconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.00} ms");

    /// <summary>A local timestamp for detail views: <c>2025-06-01 14:03:22</c>.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
