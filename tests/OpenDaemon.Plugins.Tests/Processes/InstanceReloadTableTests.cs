using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// The reload rows of the table in InstanceActor.cs, on fakes and a fake clock: an online instance gets
/// a reload and is brought into "reloading" (the new run starting beside the old one), "draining" (the new
/// run promoted, the old one stopping) or "abandoning" (the new run failed and is stopping, the old one
/// serves); one event arrives; the test checks where it went, what was spawned and which signals went out.
/// Events named "new..." reach the reload's new run, "old..." the one it replaces (while reloading that is
/// still the instance's own run, once draining the new one is), the others the instance's run. Timers fire
/// by advancing the fake clock, so a longer one fires the shorter ones too (killTimeout 5 s &lt; readyTimeout 10 s).
/// </summary>
public sealed class InstanceReloadTableTests
{
    // Same notation as InstanceStateTableTests; "online" after a reload means the reload is over.
    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        ["online"] = "reload:reloading+ start:= restart:stopping/SIGINT stop:stopping/SIGINT exit:waiting/SIGKILL memory:stopping/SIGINT "
            + "newready:= newhealthy:= newreadyhealthy:= newexit:= newunhealthy:= newreadytimer:= oldexit:= oldkilltimer:=",
        ["reloading"] = "reload:= start:= restart:stopping/SIGINT,SIGINT stop:stopping/SIGINT,SIGINT exit:waiting/SIGKILL,SIGINT memory:stopping/SIGINT,SIGINT "
            + "newready:= newhealthy:= newreadyhealthy:draining/SIGINT newexit:online/SIGKILL newunhealthy:abandoning/SIGINT newreadytimer:abandoning/SIGINT oldexit:waiting/SIGKILL,SIGINT oldkilltimer:=",
        ["draining"] = "reload:= start:= restart:stopping/SIGINT stop:stopping/SIGINT exit:waiting/SIGKILL memory:stopping/SIGINT "
            + "newready:= newhealthy:= newreadyhealthy:= newexit:waiting/SIGKILL newunhealthy:stopping/SIGINT newreadytimer:draining/SIGKILL oldexit:online oldkilltimer:draining/SIGKILL",
        ["abandoning"] = "reload:= start:= restart:stopping/SIGINT stop:stopping/SIGINT exit:waiting/SIGKILL memory:stopping/SIGINT "
            + "newready:= newhealthy:= newreadyhealthy:= newexit:online newunhealthy:= newreadytimer:abandoning/SIGKILL oldexit:waiting/SIGKILL oldkilltimer:abandoning/SIGKILL",
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
        var first = Columns(Table["online"]);
        Assert.All(Table.Values, row => Assert.Equal(first, Columns(row)));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Event_InReloadState_GoesWhereTheTableSays(string state, string @event, string expected)
    {
        await using var harness = new FakeActorHarness(InstanceStateTableTests.ConfigFor("online"));
        var reload = await ReachAsync(harness, state);
        var before = harness.Snapshot;
        var spawned = harness.Spawner.Processes.Count;
        var signalled = harness.Signaller.Sent.Count;

        Fire(harness, @event, reload);
        var after = await harness.SyncAsync();

        var signals = string.Join(",", harness.Signaller.Sent.Skip(signalled));
        var spawns = harness.Spawner.Processes.Count - spawned;
        if (expected == "=")
        {
            Assert.Equal((Row(before), before.Pid, spawns, signals), (Row(after), after.Pid, 0, ""));
            return;
        }

        var slash = expected.IndexOf('/', StringComparison.Ordinal);
        var outcome = slash < 0 ? expected : expected[..slash];
        var expectedSignals = slash < 0 ? "" : expected[(slash + 1)..];
        var spawnsOne = outcome.EndsWith('+');
        Assert.Equal((outcome.TrimEnd('+'), spawnsOne ? 1 : 0, expectedSignals), (Row(after), spawns, signals));
    }

    [Fact]
    public async Task Reload_NewRunReady_KeepsIdAndAnswersReloadedOnceTheOldRunIsGone()
    {
        await using var harness = new FakeActorHarness(InstanceStateTableTests.ConfigFor("online"));
        var reload = await ReachAsync(harness, "draining");
        var oldPid = reload.OldPid;
        Assert.False(reload.Outcome!.IsCompleted);

        harness.Spawner.Find(oldPid)!.Exit(0, "SIGINT");
        var outcome = await reload.Outcome.WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal((ReloadResult.Reloaded, 7, ProcessState.Online, reload.NewPid), (outcome.Result, outcome.Snapshot.Id, outcome.Snapshot.State, outcome.Snapshot.Pid));
        Assert.Null(harness.Snapshot.Activity);
    }

    [Fact]
    public async Task Reload_NewRunNeverReady_FailsWithTheReasonAndTheOldRunServes()
    {
        await using var harness = new FakeActorHarness(InstanceStateTableTests.ConfigFor("online"));
        var reload = await ReachAsync(harness, "abandoning");

        harness.Spawner.Find(reload.NewPid)!.Exit(null, "SIGINT");
        var outcome = await reload.Outcome!.WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal((ReloadResult.Failed, ProcessState.Online, reload.OldPid), (outcome.Result, outcome.Snapshot.State, outcome.Snapshot.Pid));
        Assert.Contains("not ready after readyTimeout", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_WhileReloading_AnswersBusy()
    {
        await using var harness = new FakeActorHarness(InstanceStateTableTests.ConfigFor("online"));
        await ReachAsync(harness, "reloading");

        var second = await harness.Actor.ReloadAsync().WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal(ReloadResult.Busy, second.Result);
        Assert.StartsWith("reloading: new pid", second.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_NotOnline_AnswersNotOnlineWithoutSpawning()
    {
        await using var harness = new FakeActorHarness(InstanceStateTableTests.ConfigFor("stopped"));
        await InstanceStateTableTests.ReachAsync(harness, "stopped");
        var spawned = harness.Spawner.Processes.Count;

        var outcome = await harness.Actor.ReloadAsync().WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal((ReloadResult.NotOnline, spawned), (outcome.Result, harness.Spawner.Processes.Count));
    }

    private static List<string> Columns(string row) => [.. row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell => cell[..cell.IndexOf(':', StringComparison.Ordinal)])];

    private sealed class ReloadInProgress
    {
        public Task<ReloadOutcome>? Outcome { get; set; }

        public int OldPid { get; set; }

        public int NewPid { get; set; }

        public int NewRun { get; set; }
    }

    private static async Task<ReloadInProgress> ReachAsync(FakeActorHarness harness, string state)
    {
        await InstanceStateTableTests.ReachAsync(harness, "online");
        var reload = new ReloadInProgress { OldPid = harness.Snapshot.Pid!.Value };
        if (state == "online")
        {
            return reload;
        }

        reload.NewRun = harness.Snapshot.RunId + 1; // the next spawn; the snapshot keeps showing the old run
        reload.Outcome = harness.Actor.ReloadAsync();
        await harness.SyncAsync();
        reload.NewPid = harness.Spawner.Processes[^1].Pid;
        if (state == "draining")
        {
            NewRunReady(harness, reload);
        }
        else if (state == "abandoning")
        {
            harness.Time.Advance(harness.Config.ReadyTimeout);
        }

        var reached = await harness.SyncAsync();
        Assert.Equal(state, Row(reached));
        return reload;
    }

    private static void NewRunReady(FakeActorHarness harness, ReloadInProgress reload)
    {
        harness.Actor.Post(new NotifyEvent(reload.NewRun, Hosting.Processes.NotifyMessage.Parse("READY=1"u8.ToArray())));
        harness.Actor.Post(new HealthReportEvent(reload.NewRun, Healthy));
    }

    private static readonly Abstractions.HealthReport Healthy = new(new ProcessHealth { Status = HealthStatus.Healthy, Type = "http", Message = "HTTP 200" }, false);

    private static readonly Abstractions.HealthReport Failing = new(new ProcessHealth { Status = HealthStatus.Unhealthy, Type = "http", Message = "HTTP 500", ConsecutiveFailures = 3 }, true);

    private static void Fire(FakeActorHarness harness, string @event, ReloadInProgress reload)
    {
        switch (@event)
        {
            case "reload": _ = harness.Actor.ReloadAsync(); break;
            case "start": _ = harness.Actor.StartAsync(); break;
            case "restart": _ = harness.Actor.RestartAsync(); break;
            case "stop": _ = harness.Actor.StopAsync(); break;
            case "exit": harness.Exit(1); break;
            case "memory": harness.ExceedMemory(); break;
            case "newready": harness.Actor.Post(new NotifyEvent(reload.NewRun, Hosting.Processes.NotifyMessage.Parse("READY=1"u8.ToArray()))); break;
            case "newhealthy": harness.Actor.Post(new HealthReportEvent(reload.NewRun, Healthy)); break;
            case "newreadyhealthy": NewRunReady(harness, reload); break;
            case "newunhealthy": harness.Actor.Post(new HealthReportEvent(reload.NewRun, Failing)); break;
            case "newreadytimer": harness.Time.Advance(harness.Config.ReadyTimeout); break;
            case "newexit":
                if (reload.NewPid != 0)
                {
                    harness.Spawner.Find(reload.NewPid)!.Exit(1);
                }

                break;
            case "oldexit":
                if (reload.Outcome is not null)
                {
                    harness.Spawner.Find(reload.OldPid)!.Exit(0, "SIGINT");
                }

                break;
            case "oldkilltimer": harness.Time.Advance(harness.Config.KillTimeout); break;
            default: throw new ArgumentOutOfRangeException(nameof(@event), @event, "not an event of the table");
        }
    }

    /// <summary>The reload rows: online with a reload in progress, by what it is doing; otherwise the main table's row.</summary>
    private static string Row(InstanceSnapshot snapshot) => snapshot switch
    {
        { State: ProcessState.Online, Activity: { } activity } when activity.StartsWith("reloading: new", StringComparison.Ordinal) => "reloading",
        { State: ProcessState.Online, Activity: { } activity } when activity.StartsWith("reloading: old", StringComparison.Ordinal) => "draining",
        { State: ProcessState.Online, Activity: { } activity } when activity.StartsWith("reload failed", StringComparison.Ordinal) => "abandoning",
        _ => InstanceStateTableTests.Row(snapshot),
    };
}
