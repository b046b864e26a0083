using System.Text.Json;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// What <c>od info</c> adds to <c>process.info</c>'s answer from other plugins: the cron schedule
/// (<c>schedule.list</c>) of apps with <c>cron</c> and the file watcher (<c>watch.list</c>) of apps with
/// <c>watch</c>, and the autoscaler (<c>autoscale.list</c>) of apps with <c>cluster.autoScale</c>. Asked only for apps that have them; a plugin that is disabled leaves the rest standing.
/// </summary>
internal static class DetailExtras
{
    public static async Task<ProcessDetailList> AddAsync(OdClient client, ProcessDetailList details, CancellationToken cancellationToken)
    {
        var scheduled = NamesWith(details, "schedule");
        if (scheduled.Count > 0 && await TryAsync(() => client.ScheduleListAsync(scheduled, cancellationToken)).ConfigureAwait(false) is { } schedules)
        {
            var byName = schedules.Apps.ToDictionary(app => app.Name, StringComparer.Ordinal);
            details = new ProcessDetailList([.. details.Processes.Select(d => byName.TryGetValue(d.Summary.Name, out var app) ? d with { Schedule = app } : d)]);
        }

        var watched = NamesWith(details, "watch");
        if (watched.Count > 0 && await TryAsync(() => client.WatchListAsync(watched, cancellationToken)).ConfigureAwait(false) is { } watchers)
        {
            var byName = watchers.Apps.ToDictionary(app => app.Name, StringComparer.Ordinal);
            details = new ProcessDetailList([.. details.Processes.Select(d => byName.TryGetValue(d.Summary.Name, out var app) ? d with { Watch = app } : d)]);
        }

        var autoScaled = NamesWith(details, "cluster", "autoScale");
        if (autoScaled.Count > 0 && await TryAsync(() => client.AutoScaleListAsync(autoScaled, cancellationToken)).ConfigureAwait(false) is { } scalers)
        {
            var byName = scalers.Apps.ToDictionary(app => app.Name, StringComparer.Ordinal);
            details = new ProcessDetailList([.. details.Processes.Select(d => byName.TryGetValue(d.Summary.Name, out var app) ? d with { AutoScale = app } : d)]);
        }

        return details;
    }

    private static List<string> NamesWith(ProcessDetailList details, params string[] path) =>
        [.. details.Processes
            .Where(detail => Has(detail.Config, path))
            .Select(detail => detail.Summary.Name)
            .Distinct(StringComparer.Ordinal)];

    private static bool Has(JsonElement config, string[] path)
    {
        foreach (var field in path)
        {
            if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty(field, out config))
            {
                return false;
            }
        }

        return config.ValueKind == JsonValueKind.Object;
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DaemonException)
        {
            // The plugin is disabled (or an older daemon): the rest of the answer still stands.
            return null;
        }
    }
}
