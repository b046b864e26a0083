using System.Globalization;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// Checks and shapes the process commands' arguments before anything is sent, so a typo fails at
/// once with INVALID_PARAMS and an example instead of a round trip to the daemon.
/// </summary>
internal static class ProcessArguments
{
    /// <summary><c>-i</c>: a whole number ≥ 1, or <c>max</c> (one per CPU core). Null when not given.</summary>
    public static string? Instances(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return "max";
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count.ToString(CultureInfo.InvariantCulture)
            : throw new DaemonException(
                ErrorCode.InvalidParams,
                $"--instances must be a whole number of 1 or more, or 'max', not '{value}'",
                "for example: od start app.js -i 4 (or -i max for one per CPU core)");
    }

    /// <summary><c>--setenv K=V</c>, repeatable: split at the first '='; the value may be empty, the name may not. Last one wins.</summary>
    public static IReadOnlyDictionary<string, string>? SetEnv(IReadOnlyList<string>? pairs)
    {
        if (pairs is null || pairs.Count == 0)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || string.IsNullOrWhiteSpace(pair[..equals]))
            {
                throw new DaemonException(
                    ErrorCode.InvalidParams,
                    $"--setenv takes NAME=value, not '{pair}'",
                    "for example: od start app.js --setenv PORT=3000 --setenv NODE_ENV=production");
            }

            variables[pair[..equals]] = pair[(equals + 1)..];
        }

        return variables;
    }

    /// <summary>Names given as several arguments, a comma list ("api,worker"), or both; blanks dropped.</summary>
    public static List<string> Names(IEnumerable<string>? values) =>
        values is null
            ? []
            : [.. values.SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>
    /// Targets that name an existing configuration file (<c>ecosystem.config.js</c>, <c>apps.yaml</c>) become
    /// absolute paths, which the daemon replaces by the file's apps; the others are sent as typed.
    /// </summary>
    public static List<string> FileTargets(List<string> targets, string workingDirectory) =>
        [.. targets.Select(target => LooksLikeConfigFile(target) && File.Exists(Path.GetFullPath(target, workingDirectory)) ? Path.GetFullPath(target, workingDirectory) : target)];

    // The CLI does not link the config system; this is the name test of ConfigLoader.LooksLikeConfigFile
    // widened to every config extension (the daemon has the last word).
    private static bool LooksLikeConfigFile(string target)
    {
        var name = Path.GetFileName(target);
        return Path.GetExtension(name).ToLowerInvariant() is ".json" or ".yaml" or ".yml" or ".js" or ".cjs" or ".mjs" or ".ts" or ".mts" or ".cts"
            || name.StartsWith(".opendaemonrc", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Like <see cref="Names"/> but at least one is required (stop, restart, delete).</summary>
    public static List<string> Targets(IEnumerable<string>? values, string verb)
    {
        var targets = Names(values);
        return targets.Count > 0
            ? targets
            : throw new DaemonException(
                ErrorCode.InvalidParams,
                $"name which apps to {verb}",
                $"for example: od {verb} api, od {verb} 0 1, od {verb} api,worker or od {verb} all");
    }
}
