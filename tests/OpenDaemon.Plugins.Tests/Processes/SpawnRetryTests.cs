using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// A spawn that fails for lack of a system resource (EMFILE, ...) is retried with backoff on the fake clock
/// until the fault clears; one that fails for the app's own reason (ENOENT) is errored at once.
/// </summary>
public sealed class SpawnRetryTests
{
    private const int Emfile = 24;

    private static ProcessConfig App(int maxRestarts = 16) => new()
    {
        Name = "app",
        Script = "/bin/sh",
        RestartDelay = TimeSpan.Zero,
        MaxRestarts = maxRestarts,
        MinUptime = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task Start_OutOfFileDescriptors_RetriesWithGrowingBackoffAndGoesOnlineOnceTheFaultClears()
    {
        await using var harness = new FakeActorHarness(App());
        harness.Spawner.Failing = true;
        harness.Spawner.FailingErrno = Emfile;
        var start = harness.Actor.StartAsync();

        var waiting = await start.WaitAsync(Testing.TestTimeouts.Short);
        Assert.Equal(ProcessState.Errored, waiting.State);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMilliseconds(100), waiting.NextRestartAt);
        Assert.Contains("Too many open files", waiting.Reason, StringComparison.Ordinal);
        Assert.Contains("retrying", waiting.Reason, StringComparison.Ordinal);

        // Not before the delay; the second failure doubles it (restartDelay 0 cannot make it spin).
        harness.Time.Advance(TimeSpan.FromMilliseconds(99));
        await harness.SyncAsync();
        Assert.Equal(1, harness.Spawner.Attempts);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await harness.SyncAsync();
        Assert.Equal(2, harness.Spawner.Attempts);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMilliseconds(200), second.NextRestartAt);

        harness.Spawner.Failing = false;
        harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        var online = await harness.SyncAsync();

        Assert.Equal((ProcessState.Online, 3, (DateTimeOffset?)null), (online.State, harness.Spawner.Attempts, online.NextRestartAt));
        Assert.Single(harness.Spawner.Processes);
    }

    [Fact]
    public async Task Start_TransientFailuresPastMaxRestarts_StillRetried()
    {
        await using var harness = new FakeActorHarness(App(maxRestarts: 1));
        harness.Spawner.Failing = true;
        harness.Spawner.FailingErrno = Emfile;
        await harness.Actor.StartAsync().WaitAsync(Testing.TestTimeouts.Short);

        for (var i = 0; i < 20; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(30)); // the floor's cap: every retry is due
            await harness.SyncAsync();
        }

        var stillWaiting = await harness.SyncAsync();
        Assert.Equal(21, harness.Spawner.Attempts);
        Assert.NotNull(stillWaiting.NextRestartAt);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(30), stillWaiting.NextRestartAt);

        harness.Spawner.Failing = false;
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ProcessState.Online, (await harness.SyncAsync()).State);
    }

    [Fact]
    public async Task AutomaticRestart_FailsWithEmfile_IsRetriedInsteadOfStayingErrored()
    {
        await using var harness = new FakeActorHarness(App() with { RestartDelay = TimeSpan.FromSeconds(1) });
        await harness.Actor.StartAsync().WaitAsync(Testing.TestTimeouts.Short);
        harness.Spawner.Failing = true;
        harness.Spawner.FailingErrno = Emfile;
        harness.Exit(1);
        await harness.SyncAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(1)); // the crash's backoff: the restart fails
        var failed = await harness.SyncAsync();
        Assert.Equal((2, ProcessState.Errored), (harness.Spawner.Attempts, failed.State));
        Assert.NotNull(failed.NextRestartAt);

        harness.Spawner.Failing = false;
        harness.Time.Advance(failed.NextRestartAt!.Value - harness.Time.GetUtcNow());
        var online = await harness.SyncAsync();

        Assert.Equal(ProcessState.Online, online.State);
        Assert.Equal(2, harness.Spawner.Processes.Count);
    }

    [Fact]
    public async Task Start_ScriptCannotBeFound_ErroredAtOnceWithoutRetry()
    {
        await using var harness = new FakeActorHarness(App());
        harness.Spawner.Failing = true; // ENOENT
        var errored = await harness.Actor.StartAsync().WaitAsync(Testing.TestTimeouts.Short);

        harness.Time.Advance(TimeSpan.FromDays(1));
        await harness.SyncAsync();

        Assert.Equal((ProcessState.Errored, (DateTimeOffset?)null, 1), (errored.State, errored.NextRestartAt, harness.Spawner.Attempts));
        Assert.Contains("No such file or directory", errored.Reason, StringComparison.Ordinal);
    }
}
