using System.Text.Json;
using OpenDaemon.Config;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Daemon;

// daemon.reload: re-read the configuration file, work out what changed, and have the process
// manager apply it (start added, stop removed, restart changed apps) before answering; then
// publish "config:reloaded" for other plugins.
public sealed partial class DaemonHost
{
    private string? _configPath;
    private OpenDaemonConfig _config = OpenDaemonConfig.Empty;

    internal async Task<ConfigReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var path = _configPath ?? throw new DaemonException(
            ErrorCode.ConfigNotFound,
            "the daemon was started without a configuration file, so there is nothing to reload",
            "start it with one: od daemon restart -c opendaemon.config.yaml");

        var result = await ConfigLoader.LoadAsync(path, new ConfigLoadOptions(), cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"{path} has {result.Problems.Count} problem(s), so the running configuration was kept; the first: {result.Problems[0]}",
                $"see them all with 'od validate {path}'");
        }

        var before = Fingerprints(_config);
        var after = Fingerprints(result.Config!);
        var reload = new ConfigReloadResult
        {
            File = path,
            Added = [.. after.Keys.Where(name => !before.ContainsKey(name))],
            Removed = [.. before.Keys.Where(name => !after.ContainsKey(name))],
            Changed = [.. after.Keys.Where(name => before.TryGetValue(name, out var old) && old != after[name])],
            Unchanged = [.. after.Keys.Where(name => before.TryGetValue(name, out var old) && old == after[name])],
            Warnings = [.. result.Warnings.Select(warning => warning.ToString()), .. StartOnlyChanges(_config, result.Config!)],
        };
        _config = result.Config!;
        if (ProcessManager is { } manager)
        {
            await manager.ApplyReloadAsync(_config, reload, cancellationToken).ConfigureAwait(false);
        }

        _plugins?.Events.Publish("config:reloaded", reload, OpenDaemon.Contracts.ContractsJsonContext.Default.ConfigReloadResult);
        LogReloaded(_logger, path, reload.Added.Count, reload.Removed.Count, reload.Changed.Count);
        return reload;
    }

    // The daemon and plugins sections shape the daemon when it starts; a reload does not redo that.
    private static IEnumerable<string> StartOnlyChanges(OpenDaemonConfig before, OpenDaemonConfig after)
    {
        if (before.Daemon != after.Daemon)
        {
            yield return "daemon: the daemon section changed, but it applies only when the daemon starts; restart the daemon with the file to apply it (od daemon restart -c FILE)";
        }

        var pluginsBefore = string.Join(',', before.Plugins.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.GetRawText()));
        var pluginsAfter = string.Join(',', after.Plugins.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.GetRawText()));
        if (pluginsBefore != pluginsAfter)
        {
            yield return "plugins: the plugins section changed, but it applies only when the daemon starts; restart the daemon with the file (od daemon restart -c FILE), or use od plugin enable/disable now";
        }
    }

    // Two apps are "the same" when their whole parsed configuration serialises identically.
    private static Dictionary<string, string> Fingerprints(OpenDaemonConfig config) =>
        config.Apps.ToDictionary(
            app => app.Name,
            app => JsonSerializer.Serialize(app, ConfigJsonContext.Default.ProcessConfig),
            StringComparer.Ordinal);
}
