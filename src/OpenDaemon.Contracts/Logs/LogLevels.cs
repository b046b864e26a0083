namespace OpenDaemon.Contracts.Logs;

/// <summary>The six log levels of spec §3.3, least severe first.</summary>
public static class LogLevels
{
    /// <summary>trace, debug, info, warn, error, fatal.</summary>
    public static IReadOnlyList<string> All { get; } = ["trace", "debug", "info", "warn", "error", "fatal"];

    /// <summary>0 for trace up to 5 for fatal; -1 for anything else.</summary>
    public static int Rank(string level) => level switch
    {
        "trace" => 0,
        "debug" => 1,
        "info" => 2,
        "warn" => 3,
        "error" => 4,
        "fatal" => 5,
        _ => -1,
    };

    /// <summary>The canonical spelling of a level name, or null when it is none of the six.</summary>
    public static string? Parse(string text) =>
        text.ToLowerInvariant() switch
        {
            "trace" or "verbose" => "trace",
            "debug" => "debug",
            "info" or "information" => "info",
            "warn" or "warning" => "warn",
            "error" => "error",
            "fatal" or "critical" => "fatal",
            _ => null,
        };
}
