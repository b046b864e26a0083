using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon;

/// <summary>
/// The configuration file a daemon runs (<c>-c FILE</c>), read before anything else so that its
/// <c>daemon</c> section can shape the daemon itself: shutdown timeout, log level, app log
/// directory and PID file (spec §4.2). An invalid file stops the start before the lock is taken.
/// </summary>
internal static class DaemonConfigFile
{
    private static readonly DaemonSettings Defaults = new();

    /// <summary>The file's configuration and warnings; an empty configuration without a file.</summary>
    public static async Task<ConfigLoadResult?> LoadAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }

        var result = await ConfigLoader.LoadAsync(path, new ConfigLoadOptions(), cancellationToken).ConfigureAwait(false);
        return result.IsValid
            ? result
            : throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"{path} has {result.Problems.Count} problem(s); the first: {result.Problems[0]}",
                $"see them all with 'od validate {path}'");
    }

    /// <summary>The host options with what the <c>daemon</c> section sets; options it leaves at the default stay as given.</summary>
    public static DaemonHostOptions Apply(DaemonHostOptions options, DaemonSettings settings) => options with
    {
        ShutdownTimeout = settings.ShutdownTimeout != Defaults.ShutdownTimeout ? settings.ShutdownTimeout : options.ShutdownTimeout,
        MinimumLogLevel = settings.LogLevel != Defaults.LogLevel ? LevelOf(settings.LogLevel) : options.MinimumLogLevel,
        AppLogDirectory = settings.LogDir ?? options.AppLogDirectory,
        PidFile = settings.PidFile ?? options.PidFile,
    };

    /// <summary>Plugins the file turns off with <c>plugins: { name: false }</c>.</summary>
    // `plugins: { name: false }` or `{ name: { enabled: false, ... } }` (the audit logger documents the latter).
    public static IEnumerable<string> DisabledPlugins(OpenDaemonConfig config) =>
        config.Plugins.Where(plugin => plugin.Value.ValueKind == JsonValueKind.False
            || (plugin.Value.ValueKind == JsonValueKind.Object && plugin.Value.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False))
            .Select(plugin => plugin.Key);

    // The config's names (spec §4.2) onto Microsoft.Extensions.Logging's levels.
    private static LogLevel LevelOf(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
