using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Daemon.Configuration;

/// <summary>
/// The daemon's configuration file (<c>-c</c>) and <c>daemon.reload</c>: re-read the file, work out which
/// apps were added, removed or changed, and have the process manager apply that before answering.
/// </summary>
/// <remarks>
/// Not thread-safe by itself: the RPC layer runs one <c>daemon.reload</c> at a time per connection, and a
/// second concurrent reload from another connection only replaces <see cref="Current"/> with an equally
/// valid configuration.
/// </remarks>
internal sealed partial class ConfigReloader(string? path, OpenDaemonConfig config, ILogger logger)
{
    /// <summary>The file the daemon was started with; null without one.</summary>
    public string? Path => path;

    /// <summary>The configuration now applied.</summary>
    public OpenDaemonConfig Current { get; private set; } = config;

    public async Task<ConfigReloadResult> ReloadAsync(IProcessManager? manager, CancellationToken cancellationToken)
    {
        var file = path ?? throw new DaemonException(
            ErrorCode.ConfigNotFound,
            "the daemon was started without a configuration file, so there is nothing to reload",
            "start it with one: od daemon restart -c opendaemon.config.yaml");

        var result = await ConfigLoader.LoadAsync(file, new ConfigLoadOptions(), cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"{file} has {result.Problems.Count} problem(s), so the running configuration was kept; the first: {result.Problems[0]}",
                $"see them all with 'od validate {file}'");
        }

        var before = Fingerprints(Current);
        var after = Fingerprints(result.Config!);
        var reload = new ConfigReloadResult
        {
            File = file,
            Added = [.. after.Keys.Where(name => !before.ContainsKey(name))],
            Removed = [.. before.Keys.Where(name => !after.ContainsKey(name))],
            Changed = [.. after.Keys.Where(name => before.TryGetValue(name, out var old) && old != after[name])],
            Unchanged = [.. after.Keys.Where(name => before.TryGetValue(name, out var old) && old == after[name])],
            Warnings = [.. result.Warnings.Select(warning => warning.ToString()), .. StartOnlyChanges(Current, result.Config!)],
        };
        Current = result.Config!;
        if (manager is not null)
        {
            await manager.ApplyReloadAsync(Current, reload, cancellationToken).ConfigureAwait(false);
        }

        LogReloaded(logger, file, reload.Added.Count, reload.Removed.Count, reload.Changed.Count);
        return reload;
    }

    // The daemon and plugins sections shape the daemon when it starts; a reload does not redo that.
    private static IEnumerable<string> StartOnlyChanges(OpenDaemonConfig before, OpenDaemonConfig after)
    {
        if (before.Daemon != after.Daemon)
        {
            yield return "daemon: the daemon section changed, but it applies only when the daemon starts; restart the daemon with the file to apply it (od daemon restart -c FILE)";
        }

        if (!SameApi(before.Api, after.Api))
        {
            yield return "api: the api section changed, but it applies only when the daemon starts; restart the daemon with the file to apply it (od daemon restart -c FILE)";
        }

        if (PluginsText(before) != PluginsText(after))
        {
            yield return "plugins: the plugins section changed, but it applies only when the daemon starts; restart the daemon with the file (od daemon restart -c FILE), or use od plugin enable/disable now";
        }
    }

    private static bool SameApi(ApiSettings? before, ApiSettings? after) =>
        before == after || (before is not null && after is not null
            && before with { CorsOrigins = [] } == after with { CorsOrigins = [] }
            && before.CorsOrigins.SequenceEqual(after.CorsOrigins, StringComparer.Ordinal));

    private static string PluginsText(OpenDaemonConfig config) =>
        string.Join(',', config.Plugins.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.GetRawText()));

    // Two apps are "the same" when their whole parsed configuration serialises identically.
    private static Dictionary<string, string> Fingerprints(OpenDaemonConfig config) =>
        config.Apps.ToDictionary(
            app => app.Name,
            app => JsonSerializer.Serialize(app, ConfigJsonContext.Default.ProcessConfig),
            StringComparer.Ordinal);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "configuration {Path} reloaded: {Added} added, {Removed} removed, {Changed} changed")]
    private static partial void LogReloaded(ILogger logger, string path, int added, int removed, int changed);
}
