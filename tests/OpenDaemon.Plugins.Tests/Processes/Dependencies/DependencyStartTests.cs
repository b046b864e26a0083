using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes.Dependencies;

/// <summary>Dependencies with real apps: level-by-level starts, waiting reasons, a failing dependency, cascades.</summary>
public sealed class DependencyStartTests
{
    // Appends "<name> <ms since epoch>" to the shared order file, then stays up.
    private static string Recorder(ManagerHarness harness, string name) =>
        harness.Script($"{name}.sh", $"echo \"{name} $(date +%s%3N)\" >> {harness.Directory}/order; exec sleep 1000");

    private static ProcessConfig App(ManagerHarness harness, string name, params string[] dependencies) =>
        harness.App(name, Recorder(harness, name)) with { Dependencies = dependencies };

    private static List<string> Order(ManagerHarness harness)
    {
        var file = Path.Combine(harness.Directory, "order");
        return File.Exists(file) ? [.. File.ReadAllLines(file).Select(line => line.Split(' ')[0])] : [];
    }

    [Fact]
    public async Task Diamond_StartsLevelByLevel_AfterTheRootIsHealthy()
    {
        await using var harness = new ManagerHarness(healthChecks: true);
        var ready = Path.Combine(harness.Directory, "a-ready");
        var a = App(harness, "a") with
        {
            HealthCheck = new HealthCheckConfig { Type = HealthCheckType.Command, Command = "test -f \"$1\"", Args = [ready], Interval = TimeSpan.FromMilliseconds(100), FailureThreshold = 1000 },
        };

        // The start answers once "a" is online, which waits for its health check: not awaited here.
        var starting = harness.StartAsync(App(harness, "d", "b", "c"), App(harness, "b", "a"), App(harness, "c", "a"), a);

        var waiting = await harness.WaitForAsync("b", row => row.Reason == "waiting: a not ready");
        Assert.Equal(ProcessState.Created, waiting.Status);
        Assert.Equal("waiting: b not started, c not started", harness.Row("d").Reason);
        await Poll.UntilAsync(() => Order(harness).Count == 1, "a started");
        Assert.Equal(["a"], Order(harness));

        File.WriteAllText(ready, "");
        await harness.WaitForAsync("a", row => row.Status == ProcessState.Online, TestTimeouts.Process);
        await starting;

        await harness.WaitForAsync("d", row => row.Status == ProcessState.Online, TestTimeouts.Process);
        await Poll.UntilAsync(() => harness.Events.Count(e => e.Topic == "process:online") == 4, "every app online");
        var events = harness.Events.Select(e => (e.Topic, e.Event.Name)).ToList();
        int At(string topic, string app) => events.IndexOf((topic, app));
        Assert.True(At("process:starting", "b") > At("process:online", "a"), "b starts after a is online");
        Assert.True(At("process:starting", "c") > At("process:online", "a"), "c starts after a is online");
        Assert.True(At("process:starting", "d") > At("process:online", "b"), "d starts after b is online");
        Assert.True(At("process:starting", "d") > At("process:online", "c"), "d starts after c is online");
        Assert.Null(harness.Row("d").Reason is { } reason && reason.StartsWith("waiting", StringComparison.Ordinal) ? reason : null);
    }

    [Fact]
    public async Task FailingDependency_DependentSaysSoAndDoesNotStart()
    {
        await using var harness = new ManagerHarness();
        // Never ready (no READY=1), then it fails: it is errored before it was ever online.
        var broken = harness.App("db", harness.Script("db.sh", "sleep 0.3; exit 1")) with { AutoRestart = RestartPolicy.Never, WaitReady = true };

        await harness.StartAsync(broken, App(harness, "api", "db"));

        var api = await harness.WaitForAsync("api", row => row.Reason == "not started: db errored");
        Assert.Equal(ProcessState.Created, api.Status);
        Assert.Empty(Order(harness));
    }

    [Fact]
    public async Task StartKnownDependent_StartsWhatItNeedsFirst()
    {
        await using var harness = new ManagerHarness();
        await harness.StartAsync(App(harness, "db"), App(harness, "api", "db"));
        await harness.WaitForAsync("api", row => row.Status == ProcessState.Online, TestTimeouts.Process);
        await harness.Manager.StopAsync(["all"], CancellationToken.None);
        await Poll.UntilAsync(() => harness.Events.Count(e => e.Topic == "process:stopped") == 2, "both stops published");
        harness.Events.Clear();

        await harness.Manager.StartAsync(new ProcessStartParams { Target = "api", WorkingDirectory = harness.Directory }, CancellationToken.None);

        await harness.WaitForAsync("api", row => row.Status == ProcessState.Online, TestTimeouts.Process);
        Assert.Equal(ProcessState.Online, harness.Row("db").Status);
        await Poll.UntilAsync(() => harness.Events.Count(e => e.Topic == "process:online") == 2, "both online");
        var events = harness.Events.Select(e => (e.Topic, e.Event.Name)).ToList();
        Assert.True(events.IndexOf(("process:starting", "api")) > events.IndexOf(("process:online", "db")), "api starts after db is online");
    }

    [Fact]
    public async Task CascadeStop_StopsDependentsFirst_DeepestFirst()
    {
        await using var harness = new ManagerHarness();
        await harness.StartAsync(App(harness, "db") with { CascadeStop = true }, App(harness, "api", "db"), App(harness, "web", "api"));
        await harness.WaitForAsync("web", row => row.Status == ProcessState.Online, TestTimeouts.Process);

        await harness.Manager.StopAsync(["db"], CancellationToken.None);

        await Poll.UntilAsync(() => harness.Events.Count(e => e.Topic == "process:stopped") == 3, "three stops published");
        var stopped = harness.Events.Where(e => e.Topic == "process:stopped").Select(e => e.Event.Name).ToList();
        Assert.Equal(["web", "api", "db"], stopped);
    }

    [Fact]
    public async Task NoCascadeStop_StopsOnlyTheTarget()
    {
        await using var harness = new ManagerHarness();
        await harness.StartAsync(App(harness, "db"), App(harness, "api", "db"));
        await harness.WaitForAsync("api", row => row.Status == ProcessState.Online, TestTimeouts.Process);

        await harness.Manager.StopAsync(["db"], CancellationToken.None);

        Assert.Equal(ProcessState.Online, harness.Row("api").Status);
    }

    [Fact]
    public async Task CascadeRestart_RestartsDependentsAfterTheDependencyIsBack()
    {
        await using var harness = new ManagerHarness();
        await harness.StartAsync(App(harness, "db") with { CascadeRestart = true }, App(harness, "api", "db"));
        var before = await harness.WaitForAsync("api", row => row.Status == ProcessState.Online, TestTimeouts.Process);

        await harness.Manager.RestartAsync(["db"], CancellationToken.None);

        var after = await harness.WaitForAsync("api", row => row.Status == ProcessState.Online && row.Pid != before.Pid, TestTimeouts.Process);
        Assert.Equal(1, after.Restarts);
        await Poll.UntilAsync(() => harness.Events.Count(e => e.Topic == "process:online") == 4, "four online events");
        var online = harness.Events.Where(e => e.Topic == "process:online").Select(e => e.Event.Name).ToList();
        Assert.Equal(["db", "api", "db", "api"], online);
    }

    [Fact]
    public async Task NoCascadeRestart_DependencyRestartLeavesDependentsAlone()
    {
        await using var harness = new ManagerHarness();
        await harness.StartAsync(App(harness, "db"), App(harness, "api", "db"));
        var before = await harness.WaitForAsync("api", row => row.Status == ProcessState.Online, TestTimeouts.Process);

        await harness.Manager.RestartAsync(["db"], CancellationToken.None);
        await harness.WaitForAsync("db", row => row.Status == ProcessState.Online && row.Restarts == 1, TestTimeouts.Process);

        Assert.Equal(before.Pid, harness.Row("api").Pid);
        Assert.Equal(0, harness.Row("api").Restarts);
    }

    [Fact]
    public async Task Graph_ShowsLevelsAndStates()
    {
        await using var harness = new ManagerHarness();
        await harness.StartAsync(App(harness, "db"), App(harness, "api", "db"));
        await harness.WaitForAsync("api", row => row.Status == ProcessState.Online, TestTimeouts.Process);

        var graph = harness.Manager.Graph();

        Assert.Equal(["db", "api"], graph.Apps.Select(app => app.Name));
        Assert.Equal([0, 1], graph.Apps.Select(app => app.Level));
        Assert.Equal(["db"], graph.Apps[1].Dependencies);
        Assert.All(graph.Apps, app => Assert.Equal(ProcessState.Online, app.Status));
    }
}
