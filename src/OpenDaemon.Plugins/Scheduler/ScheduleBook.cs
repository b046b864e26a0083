using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Scheduling;
using OpenDaemon.Kernel.State;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.Scheduler;

/// <summary>
/// The scheduled apps: one <see cref="AppSchedule"/> per app with a <c>cron</c>, kept in step with the
/// process table by <see cref="ReconcileAsync"/> (called on <c>app:*</c> and <c>process:starting</c>
/// events, one at a time from the plugin's event handler). Readers see an immutable dictionary that
/// is swapped whole.
/// </summary>
internal sealed class ScheduleBook(IScheduleTarget target, IStateStore store, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Dictionary<string, AppSchedule> _apps = new(StringComparer.Ordinal);

    public IReadOnlyCollection<AppSchedule> Apps => _apps.Values;

    public AppSchedule? Find(string app) => _apps.GetValueOrDefault(app);

    /// <summary>Starts schedules of new apps, replaces those whose schedule changed, ends those of apps that are gone.</summary>
    /// <param name="configs">Every app in the process table with its configuration.</param>
    /// <param name="removed">An app that was deleted: its history goes with it.</param>
    /// <param name="cancellationToken">Cancels the wait for the book.</param>
    public async Task ReconcileAsync(IReadOnlyList<ProcessConfig> configs, string? removed, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = new Dictionary<string, AppSchedule>(StringComparer.Ordinal);
            var ending = new List<AppSchedule>();
            foreach (var config in configs.Where(c => c.Schedule is not null).DistinctBy(c => c.Name))
            {
                var isJob = ScheduledJobs.IsJob(config);
                if (_apps.TryGetValue(config.Name, out var current) && current.Config == config.Schedule && current.IsJob == isJob)
                {
                    next[config.Name] = current;
                    continue;
                }

                if (current is not null)
                {
                    ending.Add(current);
                }

                next[config.Name] = new AppSchedule(config.Name, config.Schedule!, isJob, target, new RunHistory(store, config.Name), time, logger);
            }

            ending.AddRange(_apps.Where(pair => !next.ContainsKey(pair.Key)).Select(pair => pair.Value));
            _apps = next;
            foreach (var schedule in ending)
            {
                await schedule.DisposeAsync().ConfigureAwait(false);
            }

            if (removed is not null && !next.ContainsKey(removed))
            {
                store.Remove(removed);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The scheduled apps (all, or those named), by name.</summary>
    public ScheduleList List(IReadOnlyCollection<string>? names) =>
        new([.. _apps.Values.Where(s => names is null || names.Count == 0 || names.Contains(s.App)).OrderBy(s => s.App, StringComparer.Ordinal).Select(s => s.Describe())]);

    public async ValueTask DisposeAsync()
    {
        var apps = Interlocked.Exchange(ref _apps, new Dictionary<string, AppSchedule>(StringComparer.Ordinal));
        foreach (var schedule in apps.Values)
        {
            await schedule.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
