using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// Every (state, event) pair of the table in InstanceActor.cs, on fakes and a fake clock: the actor is
/// brought into the row's state, one event arrives, and the test checks where it went, whether a process
/// was spawned and which signals the process group got. No process runs and nothing sleeps.
/// </summary>
public sealed class InstanceStateTableTests
{
    private static readonly TimeSpan Long = TimeSpan.FromDays(1);

    // The table, row by row: event:outcome. "=" nothing changes (same state, no transition recorded, no spawn,
    // no signal); otherwise the state reached ("waiting" = errored or stopped with a backoff restart scheduled),
    // "+" one process spawned, "!" the actor ended, "/SIG..." the signals the group got.
    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        ["created"] = "start:starting+ restart:starting+ reload:= stop:stopped delete:stopped! spawnfail:errored spawnbusy:waiting "
            + "exit:= ready:= ping:= trigger:= healthy:= unhealthy:= memory:= readytimer:= watchdogtimer:= killtimer:= backofftimer:=",
        ["starting"] = "start:= restart:stopping/SIGINT reload:= stop:stopping/SIGINT delete:stopping/SIGINT spawnfail:= spawnbusy:= "
            + "exit:errored/SIGKILL ready:= ping:= trigger:= healthy:= unhealthy:stopping/SIGINT memory:= readytimer:stopping/SIGINT watchdogtimer:= killtimer:= backofftimer:=",
        ["online"] = "start:= restart:stopping/SIGINT reload:online+ stop:stopping/SIGINT delete:stopping/SIGINT spawnfail:= spawnbusy:= "
            + "exit:waiting/SIGKILL ready:= ping:= trigger:stopping/SIGINT healthy:= unhealthy:stopping/SIGINT memory:stopping/SIGINT readytimer:= watchdogtimer:stopping/SIGINT killtimer:= backofftimer:=",
        ["stopping"] = "start:= restart:= reload:= stop:= delete:= spawnfail:= spawnbusy:= "
            + "exit:stopped ready:= ping:= trigger:= healthy:= unhealthy:= memory:= readytimer:= watchdogtimer:= killtimer:stopping/SIGKILL backofftimer:=",
        ["stopped"] = "start:starting+ restart:starting+ reload:= stop:= delete:stopped! spawnfail:errored spawnbusy:waiting "
            + "exit:= ready:= ping:= trigger:= healthy:= unhealthy:= memory:= readytimer:= watchdogtimer:= killtimer:= backofftimer:=",
        ["errored"] = "start:starting+ restart:starting+ reload:= stop:stopped delete:stopped! spawnfail:errored spawnbusy:waiting "
            + "exit:= ready:= ping:= trigger:= healthy:= unhealthy:= memory:= readytimer:= watchdogtimer:= killtimer:= backofftimer:=",
        ["waiting"] = "start:starting+ restart:starting+ reload:= stop:stopped delete:stopped! spawnfail:errored spawnbusy:waiting "
            + "exit:= ready:= ping:= trigger:= healthy:= unhealthy:= memory:= readytimer:= watchdogtimer:= killtimer:= backofftimer:starting+",
    };

    public static TheoryData<string, string, string> Cells()
    {
        var cells = new TheoryData<string, string, string>();
        foreach (var (state, row) in Table)
        {
            foreach (var cell in row.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = cell.IndexOf(':', StringComparison.Ordinal);
                cells.Add(state, cell[..colon], cell[(colon + 1)..]);
            }
        }

        return cells;
    }

    [Fact]
    public void Table_HasEveryEventInEveryRow()
    {
        var events = new[] { "start", "restart", "reload", "stop", "delete", "spawnfail", "spawnbusy", "exit", "ready", "ping", "trigger", "healthy", "unhealthy", "memory", "readytimer", "watchdogtimer", "killtimer", "backofftimer" };
        foreach (var (state, row) in Table)
        {
            var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell => cell[..cell.IndexOf(':', StringComparison.Ordinal)]);
            Assert.True(events.SequenceEqual(columns), $"row {state} does not list every event in order");
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Event_InState_GoesWhereTheTableSays(string state, string @event, string expected)
    {
        await using var harness = new FakeActorHarness(ConfigFor(state));
        await ReachAsync(harness, state);
        var before = harness.Snapshot;
        var spawned = harness.Spawner.Processes.Count;
        var signalled = harness.Signaller.Sent.Count;

        Fire(harness, @event);
        var after = await harness.SyncAsync();

        var signals = string.Join(",", harness.Signaller.Sent.Skip(signalled));
        var spawns = harness.Spawner.Processes.Count - spawned;
        if (expected == "=")
        {
            Assert.Equal((Row(before), before.History.Count, 0, ""), (Row(after), after.History.Count, spawns, signals));
            Assert.False(harness.Actor.Completion.IsCompleted);
            return;
        }

        var slash = expected.IndexOf('/', StringComparison.Ordinal);
        var outcome = slash < 0 ? expected : expected[..slash];
        var expectedSignals = slash < 0 ? "" : expected[(slash + 1)..];
        var ends = outcome.EndsWith('!');
        var spawnsOne = outcome.EndsWith('+');
        outcome = outcome.TrimEnd('!', '+');
        Assert.Equal((outcome, spawnsOne ? 1 : 0, expectedSignals), (Row(after), spawns, signals));
        if (ends)
        {
            await harness.Actor.Completion.WaitAsync(Testing.TestTimeouts.Short);
        }
        else
        {
            Assert.False(harness.Actor.Completion.IsCompleted);
        }
    }

    // Every feature on, so that every event means something; the timer armed in the row's state is a day
    // long and the others are short, so that advancing the clock for one timer never fires another.
    internal static ProcessConfig ConfigFor(string state) => new()
    {
        Name = "app",
        Script = "/bin/sh",
        WaitReady = true,
        ReadyTimeout = state == "starting" ? Long : TimeSpan.FromSeconds(10),
        WatchdogTimeout = state == "online" ? Long : TimeSpan.FromSeconds(20),
        KillTimeout = state == "stopping" ? Long : TimeSpan.FromSeconds(5),
        RestartDelay = state == "waiting" ? Long : TimeSpan.FromSeconds(40),
        MaxRestarts = 1,
        MinUptime = TimeSpan.Zero,
        MaxMemory = 100L * 1024 * 1024,
        HealthCheck = new HealthCheckConfig { Type = HealthCheckType.Http, Url = "http://127.0.0.1:1/health", Action = HealthCheckAction.Restart },
    };

    internal static async Task ReachAsync(FakeActorHarness harness, string state)
    {
        switch (state)
        {
            case "created":
                break;
            case "starting":
                _ = harness.Actor.StartAsync();
                break;
            case "online":
                await ReachAsync(harness, "starting");
                harness.Notify("READY=1\nWATCHDOG=1");
                harness.ReportHealth(HealthStatus.Healthy);
                break;
            case "stopping":
                await ReachAsync(harness, "online");
                _ = harness.Actor.StopAsync();
                break;
            case "stopped":
                await ReachAsync(harness, "stopping");
                harness.Exit(signal: "SIGINT");
                break;
            case "errored":
                // An unstable run (never online) with maxRestarts 1: given up at once.
                await ReachAsync(harness, "starting");
                harness.Exit(1);
                break;
            case "waiting":
                // A stable run (it went online, minUptime 0): restarted after the backoff delay.
                await ReachAsync(harness, "online");
                harness.Exit(1);
                break;
        }

        var reached = await harness.SyncAsync();
        Assert.Equal(state, Row(reached));
    }

    internal static void Fire(FakeActorHarness harness, string @event)
    {
        switch (@event)
        {
            case "start": _ = harness.Actor.StartAsync(); break;
            case "restart": _ = harness.Actor.RestartAsync(); break;
            case "reload": _ = harness.Actor.ReloadAsync(); break;
            case "stop": _ = harness.Actor.StopAsync(); break;
            case "delete": _ = harness.Actor.StopAsync(StopIntent.Delete); break;
            case "spawnfail":
                harness.Spawner.Failing = true;
                _ = harness.Actor.StartAsync();
                break;
            case "spawnbusy":
                harness.Spawner.Failing = true;
                harness.Spawner.FailingErrno = 24; // EMFILE: retried with backoff
                _ = harness.Actor.StartAsync();
                break;
            case "exit": harness.Exit(1); break;
            case "ready": harness.Notify("READY=1"); break;
            case "ping": harness.Notify("WATCHDOG=1"); break;
            case "trigger": harness.Notify("WATCHDOG=trigger"); break;
            case "healthy": harness.ReportHealth(HealthStatus.Healthy); break;
            case "unhealthy": harness.ReportHealth(HealthStatus.Unhealthy, thresholdReached: true); break;
            case "memory": harness.ExceedMemory(); break;
            case "readytimer": harness.Time.Advance(harness.Config.ReadyTimeout); break;
            case "watchdogtimer": harness.Time.Advance(harness.Config.WatchdogTimeout!.Value); break;
            case "killtimer": harness.Time.Advance(harness.Config.KillTimeout); break;
            case "backofftimer": harness.Time.Advance(harness.Config.RestartDelay); break;
            default: throw new ArgumentOutOfRangeException(nameof(@event), @event, "not an event of the table");
        }
    }

    /// <summary>The table's row for a snapshot: its state, or "waiting" when a backoff restart is scheduled.</summary>
    internal static string Row(InstanceSnapshot snapshot) => snapshot.NextRestartAt is not null
        ? "waiting"
        : InstanceActor.StateName(snapshot.State);
}
