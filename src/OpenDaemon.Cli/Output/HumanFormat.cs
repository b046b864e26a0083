using System.Globalization;

namespace OpenDaemon.Cli.Output;

/// <summary>Short human forms of durations and sizes for tables (<c>3h 12m</c>, <c>28.4 MB</c>).</summary>
internal static class HumanFormat
{
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => $"{(int)span.TotalSeconds}s",
        { TotalMinutes: < 60 } => $"{span.Minutes}m {span.Seconds}s",
        { TotalHours: < 24 } => $"{span.Hours}h {span.Minutes}m",
        _ => $"{(int)span.TotalDays}d {span.Hours}h",
    };

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    public static string Milliseconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.00} ms");
}
