using System.Globalization;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Plugins.ProcessManager.Rolling;

/// <summary>The count of od scale: <c>3</c> (that many), <c>+2</c> (two more) or <c>-1</c> (one fewer), as PM2's <c>pm2 scale</c>.</summary>
internal readonly record struct ScaleTarget(int Value, bool Relative)
{
    public static ScaleTarget Parse(string text)
    {
        var trimmed = text.Trim();
        var relative = trimmed.StartsWith('+') || trimmed.StartsWith('-');
        var digits = relative ? trimmed[1..] : trimmed;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new DaemonException(ErrorCode.InvalidParams, $"'{text}' is not an instance count", "use a number (3), or a change (+2, -1)");
        }

        return new ScaleTarget(trimmed.StartsWith('-') ? -value : value, relative);
    }

    /// <summary>The new count for an app that has <paramref name="current"/> instances; below 1 is an error.</summary>
    public int Apply(string app, int current)
    {
        var count = Relative ? (long)current + Value : Value;
        if (count < 1)
        {
            throw new DaemonException(
                ErrorCode.InvalidParams,
                Relative
                    ? $"app {app} has {current} instance{(current == 1 ? "" : "s")}; {Value:+0;-0} would leave {count}, and an app keeps at least 1"
                    : $"app {app} cannot scale to {count} instances: an app keeps at least 1",
                $"'od stop {app}' stops it, 'od delete {app}' removes it");
        }

        return count > 1024
            ? throw new DaemonException(ErrorCode.InvalidParams, $"app {app} cannot scale to {count} instances", "scale to at most 1024 instances")
            : (int)count;
    }
}
