using OpenDaemon.Contracts.Scheduling;
using OpenDaemon.Kernel.State;

namespace OpenDaemon.Plugins.Scheduler;

/// <summary>
/// One app's run history: bounded to <see cref="Limit"/> runs, newest first, persisted through the
/// plugin's state store (debounced, atomic writes) so that it survives daemon restarts. Only its
/// app's <see cref="AppSchedule"/> loop writes it; readers get immutable records.
/// </summary>
internal sealed class RunHistory
{
    /// <summary>Runs kept per app.</summary>
    public const int Limit = 20;

    private readonly IStateStore _store;
    private readonly string _key;

    public RunHistory(IStateStore store, string app)
    {
        _store = store;
        _key = app;
        var stored = Read(store, app);

        // A run still "running" in the file was cut off by the daemon's stop: its end is unknown.
        Current = stored with
        {
            Runs = [.. stored.Runs.Select(run => run.Outcome == RunOutcomes.Running ? run with { Outcome = RunOutcomes.Interrupted, Note = "the daemon stopped while it ran" } : run)],
        };
    }

    public ScheduleRecord Current { get; private set; }

    public static ScheduleRecord Read(IStateStore store, string app)
    {
        try
        {
            return store.Get(app, ScheduleRecordJsonContext.Default.ScheduleRecord) ?? new ScheduleRecord();
        }
        catch (System.Text.Json.JsonException)
        {
            return new ScheduleRecord();
        }
    }

    public void Fired(DateTimeOffset occurrence) => Save(Current with { LastOccurrence = occurrence });

    public void Add(ScheduledRun run) => Save(Current with { Runs = [run, .. Current.Runs.Take(Limit - 1)] });

    /// <summary>Replaces the newest run (the one that just ended).</summary>
    public void ReplaceNewest(ScheduledRun run) => Save(Current with { Runs = [run, .. Current.Runs.Skip(1)] });

    public void Forget() => _store.Remove(_key);

    private void Save(ScheduleRecord record)
    {
        Current = record;
        _store.Set(_key, record, ScheduleRecordJsonContext.Default.ScheduleRecord);
    }
}
