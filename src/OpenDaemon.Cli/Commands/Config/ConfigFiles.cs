using OpenDaemon.Config;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Config;

/// <summary>Finds the configuration file a command should use: the one given, else discovery in the current directory.</summary>
internal static class ConfigFiles
{
    public static string Resolve(string? given)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given);
            return File.Exists(full)
                ? full
                : throw new DaemonException(ErrorCode.ConfigNotFound, $"configuration file {full} does not exist", "check the path, or create one with 'od init'");
        }

        var directory = Directory.GetCurrentDirectory();
        return ConfigLoader.Discover(directory)
            ?? throw new DaemonException(
                ErrorCode.ConfigNotFound,
                $"no configuration file in {directory} (looked for {string.Join(", ", ConfigLoader.DiscoveryOrder.Take(4))}, ...)",
                "create one with 'od init', or name one: od validate path/to/opendaemon.config.yaml");
    }
}
