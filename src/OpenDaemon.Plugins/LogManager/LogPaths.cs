using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// Where an instance's stdout and stderr go, as in PM2: <c>$OD_HOME/logs/&lt;name&gt;-out.log</c> and
/// <c>-error.log</c>, with <c>-&lt;instance&gt;</c> before the suffix when the app has several
/// instances and does not merge logs; <c>logFile</c>/<c>errorLogFile</c> override the defaults.
/// </summary>
internal static class LogPaths
{
    public static ProcessLogPaths For(ProcessConfig config, int instance, int instanceCount, string logDirectory)
    {
        var suffix = instanceCount > 1 && !config.MergeLogs ? $"-{instance}" : string.Empty;
        return new ProcessLogPaths(
            WithSuffix(config.LogFile, suffix) ?? Path.Combine(logDirectory, $"{config.Name}{suffix}-out.log"),
            WithSuffix(config.ErrorLogFile, suffix) ?? Path.Combine(logDirectory, $"{config.Name}{suffix}-error.log"));
    }

    /// <summary>
    /// The file that gets both streams besides their own files (PM2 <c>log_file</c>, our <c>logs.combinedFile</c>),
    /// with the same per-instance suffix; null when the app sets none.
    /// </summary>
    public static string? CombinedFor(ProcessConfig config, int instance, int instanceCount) =>
        WithSuffix(config.Logs?.CombinedFile, instanceCount > 1 && !config.MergeLogs ? $"-{instance}" : string.Empty);

    private static string? WithSuffix(string? path, string suffix) =>
        path is null || suffix.Length == 0
            ? path
            : Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, Path.GetFileNameWithoutExtension(path) + suffix + Path.GetExtension(path));
}
