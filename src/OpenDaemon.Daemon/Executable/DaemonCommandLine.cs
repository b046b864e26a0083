using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon.Executable;

/// <summary>
/// The daemon executable's arguments: <c>run [--detached] [-c|--config FILE] [--resurrect]</c> plus
/// the CLI's global <c>--json</c>, <c>--verbose</c>, <c>--quiet</c>, <c>--no-color</c>, which
/// <c>od daemon run</c> passes through. Parsed by hand: five flags do not justify linking a parser.
/// </summary>
internal sealed record DaemonCommandLine
{
    public bool Detached { get; init; }

    public string? ConfigPath { get; init; }

    public bool Resurrect { get; init; }

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Parses the arguments after <see cref="DaemonExecutable.RunCommand"/>.</summary>
    /// <exception cref="DaemonException">CONFIG_INVALID for an unknown option or a missing value.</exception>
    public static DaemonCommandLine Parse(IReadOnlyList<string> arguments)
    {
        var result = new DaemonCommandLine();
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            result = argument switch
            {
                DaemonExecutable.DetachedOption => result with { Detached = true },
                DaemonExecutable.ResurrectOption => result with { Resurrect = true },
                DaemonExecutable.ConfigOption or "-c" => result with { ConfigPath = Path.GetFullPath(ValueOf(arguments, ++index, argument)) },
                "--json" => result with { Json = true },
                "--verbose" or "-v" => result with { Verbose = true },
                "--quiet" or "-q" or "--no-color" => result,
                _ when argument.StartsWith(DaemonExecutable.ConfigOption + "=", StringComparison.Ordinal) =>
                    result with { ConfigPath = Path.GetFullPath(argument[(DaemonExecutable.ConfigOption.Length + 1)..]) },
                _ => throw new DaemonException(
                    ErrorCode.ConfigInvalid,
                    $"unknown option '{argument}' for 'daemon run'",
                    "options: --config FILE, --resurrect, --detached"),
            };
        }

        return result;
    }

    private static string ValueOf(IReadOnlyList<string> arguments, int index, string option) =>
        index < arguments.Count && arguments[index].Length > 0
            ? arguments[index]
            : throw new DaemonException(ErrorCode.ConfigInvalid, $"{option} needs a file", $"od daemon run {option} opendaemon.config.yaml");
}
