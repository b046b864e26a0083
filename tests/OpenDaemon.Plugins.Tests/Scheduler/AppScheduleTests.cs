using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Scheduler;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Scheduler;

/// <summary>One app's schedule on a fake clock: firing, overlap, retries, scheduled restarts, catch-up and history.</summary>
public sealed class AppScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryStateStore _store = new();
    private readonly FakeScheduleTarget _target;

    public AppScheduleTests() => _target = new FakeScheduleTarget(_time);

    private AppSchedule Create(ScheduleConfig config, bool isJob = true) =>
        new("job", config, isJob, _target, new RunHistory(_store, "job"), _time, NullLogger.Instance);

    private static async Task ArmedAtAsync(AppSchedule schedule, DateTimeOffset at) =>
        await Poll.UntilAsync(() => schedule.Armed == at, $"the schedule armed for {at:O} (is {schedule.Armed:O})");

    [Fact]
    public async Task Job_EverySecondsSchedule_StartsARunAtEachOccurrence()
    {
        await using var schedule = Create(new ScheduleConfig { Cron = "*/10 * * * * *", Timezone = "UTC" });

        for (var i = 1; i <= 3; i++)
        {
            await ArmedAtAsync(schedule, Start.AddSeconds(10 * i));
            _time.Advance(TimeSpan.FromSeconds(10));
            await Poll.UntilAsync(() => _target.Calls.Count == i, $"run {i} started");
            _target.Running = false;
            schedule.Post(new ScheduleMessage.Exited(0, null, _time.GetUtcNow()));
        }

        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(30)], _target.Calls.Select(c => c.At));
        Assert.All(_target.Calls, call => Assert.Equal("start", call.Action));
        await Poll.UntilAsync(() => schedule.Describe().LastRuns.Count == 3 && schedule.Describe().LastRuns[0].Outcome == "succeeded", "three runs in the history");
        var newest = schedule.Describe().LastRuns[0];
        Assert.Equal(Start.AddSeconds(30), newest.ScheduledFor);
        Assert.Equal(0, newest.ExitCode);
    }

    [Fact]
    public async Task Job_InATimeZone_FiresAtTheZonesWallClock()
    {
        await using var schedule = Create(new ScheduleConfig { Cron = "0 9 * * *", Timezone = "America/New_York" });

        var expected = new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero);
        await ArmedAtAsync(schedule, expected);
        _time.Advance(expected - Start);

        await Poll.UntilAsync(() => !_target.Calls.IsEmpty, "the run started");
        Assert.Equal(expected, _target.Calls.Single().At);
    }

    [Fact]
    public async Task Job_AcrossASpringForwardGap_FiresOnceAtTheEndOfTheGap()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        await using var schedule = Create(new ScheduleConfig { Cron = "30 2 * * *", Timezone = "Europe/Berlin" });

        var endOfGap = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero); // 03:00 CEST
        await ArmedAtAsync(schedule, endOfGap);
        _time.Advance(endOfGap - _time.GetUtcNow());

        await Poll.UntilAsync(() => !_target.Calls.IsEmpty, "the run started");
        await ArmedAtAsync(schedule, new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero));
        Assert.Equal(endOfGap, _target.Calls.Single().At);
    }

    [Fact]
    public async Task Job_PreviousRunStillRunning_SkipsTheOccurrence()
    {
        await using var schedule = Create(new ScheduleConfig { Cron = "* * * * *", Timezone = "UTC" });

        await ArmedAtAsync(schedule, Start.AddMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        await ArmedAtAsync(schedule, Start.AddMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(1)); // the first run has not exited
        await ArmedAtAsync(schedule, Start.AddMinutes(3));

        await Poll.UntilAsync(() => schedule.Describe().LastRuns.Count == 2, "two entries in the history");
        Assert.Single(_target.Calls);
        var runs = schedule.Describe().LastRuns;
        Assert.Equal("skipped", runs[0].Outcome);
        Assert.Equal("running", runs[1].Outcome);
    }

    [Fact]
    public async Task Job_OverlapAllowed_RestartsTheRunningRun()
    {
        await using var schedule = Create(new ScheduleConfig { Cron = "* * * * *", Timezone = "UTC", AllowOverlap = true });

        await ArmedAtAsync(schedule, Start.AddMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        await ArmedAtAsync(schedule, Start.AddMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(1));

        await Poll.UntilAsync(() => _target.Calls.Count == 2, "a second run");
        Assert.Equal(["start", "restart"], _target.Calls.Select(c => c.Action));
    }

    [Fact]
    public async Task Job_FailedRun_IsRetriedWithBackoffUpToCronRetry()
    {
        await using var schedule = Create(new ScheduleConfig { Cron = "0 * * * *", Timezone = "UTC", Retry = 2 });

        await ArmedAtAsync(schedule, Start.AddHours(1));
        _time.Advance(TimeSpan.FromHours(1));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Poll.UntilAsync(() => _target.Calls.Count == attempt, $"attempt {attempt} started");
            _target.Running = false;
            schedule.Post(new ScheduleMessage.Exited(1, null, _time.GetUtcNow()));
            await Poll.UntilAsync(() => schedule.Describe().LastRuns[0].Outcome == "failed", $"attempt {attempt} recorded as failed");
            _time.Advance(RetryBackoff.Before(attempt));
        }

        // Two retries after 1 s and 2 s; no fourth attempt after the last failure.
        var at = Start.AddHours(1);
        Assert.Equal([at, at.AddSeconds(1), at.AddSeconds(3)], _target.Calls.Select(c => c.At));
        Assert.Equal([3, 2, 1], schedule.Describe().LastRuns.Select(r => r.Attempt));
    }

    [Fact]
    public void RetryBackoff_DoublesUpToFiveMinutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetryBackoff.Before(1));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryBackoff.Before(4));
        Assert.Equal(TimeSpan.FromMinutes(5), RetryBackoff.Before(30));
    }

    [Fact]
    public async Task LongRunningApp_IsRestartedAtEachOccurrence()
    {
        _target.Running = true;
        await using var schedule = Create(new ScheduleConfig { Cron = "@hourly", Timezone = "UTC" }, isJob: false);

        await ArmedAtAsync(schedule, Start.AddHours(1));
        _time.Advance(TimeSpan.FromHours(1));

        await Poll.UntilAsync(() => !_target.Calls.IsEmpty, "the app restarted");
        Assert.Equal(("restart", Start.AddHours(1)), _target.Calls.Single());
        Assert.Equal("restarted", schedule.Describe().LastRuns.Single().Outcome);
    }

    [Fact]
    public async Task CatchUp_RunMissedWhileTheDaemonWasDown_RunsOnceAtStartUp()
    {
        _store.Set("job", new ScheduleRecord { LastOccurrence = Start.AddHours(-3) }, ScheduleRecordJsonContext.Default.ScheduleRecord);

        await using var schedule = Create(new ScheduleConfig { Cron = "0 * * * *", Timezone = "UTC", CatchUp = true });

        await Poll.UntilAsync(() => !_target.Calls.IsEmpty, "the catch-up run");
        await ArmedAtAsync(schedule, Start.AddHours(1));
        Assert.Equal(("start", Start), _target.Calls.Single());
        Assert.Contains("catch-up", schedule.Describe().LastRuns.Single().Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCatchUp_RunMissedWhileTheDaemonWasDown_IsSkipped()
    {
        _store.Set("job", new ScheduleRecord { LastOccurrence = Start.AddHours(-3) }, ScheduleRecordJsonContext.Default.ScheduleRecord);

        await using var schedule = Create(new ScheduleConfig { Cron = "0 * * * *", Timezone = "UTC" });

        await ArmedAtAsync(schedule, Start.AddHours(1));
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public async Task History_SurvivesARestartOfTheScheduler_AndARunCutOffIsInterrupted()
    {
        await using (var schedule = Create(new ScheduleConfig { Cron = "* * * * *", Timezone = "UTC" }))
        {
            await ArmedAtAsync(schedule, Start.AddMinutes(1));
            _time.Advance(TimeSpan.FromMinutes(1));
            await Poll.UntilAsync(() => schedule.Describe().LastRuns.Count == 1, "the run recorded");
        }

        var again = new RunHistory(_store, "job");

        var run = Assert.Single(again.Current.Runs);
        Assert.Equal("interrupted", run.Outcome);
        Assert.Equal(Start.AddMinutes(1), again.Current.LastOccurrence);
    }

    [Fact]
    public void History_IsBounded()
    {
        var history = new RunHistory(_store, "job");
        for (var i = 0; i < RunHistory.Limit + 5; i++)
        {
            history.Add(new Contracts.Scheduling.ScheduledRun { StartedAt = Start.AddMinutes(i), Outcome = "succeeded" });
        }

        Assert.Equal(RunHistory.Limit, new RunHistory(_store, "job").Current.Runs.Count);
        Assert.Equal(Start.AddMinutes(RunHistory.Limit + 4), history.Current.Runs[0].StartedAt);
    }
}
