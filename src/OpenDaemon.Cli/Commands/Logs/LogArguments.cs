using System.Globalization;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>Checks <c>od logs</c>' filters before anything is sent: a typo fails at once with an example.</summary>
internal static class LogArguments
{
    /// <summary><c>--since 10m</c> (that long ago) or an ISO 8601 time; null when not given.</summary>
    public static DateTimeOffset? Time(string? value, string option, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        if (Units.TryParseDuration(value, out var ago))
        {
            return now - ago;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at)
            ? at
            : throw new DaemonException(
                ErrorCode.InvalidParams,
                $"{option} must be a duration like 10m, 2h, 1d or a time like 2026-11-23T15:00:00, not '{value}'",
                $"for example: od logs api {option} 30m");
    }

    /// <summary><c>--level warn</c>: one of the six levels (or a common synonym).</summary>
    public static string? Level(string? value) =>
        value is null ? null
        : LogLevels.Parse(value) ?? throw new DaemonException(
            ErrorCode.InvalidParams,
            $"--level must be one of {string.Join(", ", LogLevels.All)}, not '{value}'",
            "for example: od logs --level warn (shows warn, error and fatal)");

    /// <summary><c>--out</c>/<c>--err</c>: one stream, or both when neither (or both) is given.</summary>
    public static string? Source(bool outOnly, bool errOnly) => (outOnly, errOnly) switch
    {
        (true, false) => "stdout",
        (false, true) => "stderr",
        _ => null,
    };
}
