using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Levels as common JSON loggers write them, mapped to an index into <see cref="LogLevels.All"/>.
/// </summary>
internal static class LoggerLevels
{
    public const int Trace = 0;
    public const int Info = 2;
    public const int Error = 4;
    public const int Fatal = 5;

    /// <summary>pino and bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal; a custom level counts as the nearest lower one.</summary>
    public static int FromNumber(double level) =>
        level switch
        {
            >= 60 => Fatal,
            >= 20 => (int)(level / 10) - 1,
            _ => Trace,
        };

    /// <summary>
    /// A level name in any case: ours, Serilog's (Verbose … Fatal) and Microsoft.Extensions.Logging's
    /// (Trace … Critical); -1 for anything else (MEL's "None", a typo).
    /// </summary>
    public static int FromName(string? name) =>
        name is not null && LogLevels.Parse(name) is { } level ? LogLevels.Rank(level) : -1;
}
