using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>Stopping reaches the whole process tree, and commands that cross each other settle right.</summary>
public sealed class StopTests
{
    [Fact]
    public async Task Stop_KillsATreeWhoseGrandchildIgnoresSigterm_AndLeavesNoZombie()
    {
        await using var harness = new ManagerHarness();
        var pids = Path.Combine(harness.Directory, "pids");
        var script = harness.Script("tree.sh", $"""
            trap '' TERM INT
            sh -c 'trap "" TERM INT; while true; do sleep 1; done' &
            echo $! > {pids}
            while true; do sleep 1; done
            """);
        await harness.StartAsync(harness.App("tree", script) with { KillTimeout = TimeSpan.FromMilliseconds(300), StopSignal = "SIGTERM" });
        var leader = (await harness.WaitForAsync("tree", row => row.Pid is not null && File.Exists(pids) && File.ReadAllText(pids).Trim().Length > 0)).Pid!.Value;
        var grandchild = int.Parse(File.ReadAllText(pids).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{grandchild}"));

        var stopped = await harness.Manager.StopAsync(["tree"], CancellationToken.None);

        Assert.Equal(ProcessState.Stopped, stopped.Processes.Single().Status);
        Assert.Null(stopped.Processes.Single().Pid);
        await AssertGoneAsync(grandchild);
        await AssertGoneAsync(leader);
    }

    [Fact]
    public async Task Stop_AfterAUserStop_NoAutomaticRestartFollows()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("sleep.sh", "exec sleep 1000");
        await harness.StartAsync(harness.App("sleeper", script));

        await harness.Manager.StopAsync(["sleeper"], CancellationToken.None);

        var row = harness.Row("sleeper");
        Assert.Equal(ProcessState.Stopped, row.Status);
        Assert.Null(row.NextRestartAt);
        Assert.Equal(0, row.Restarts);
        var history = harness.Manager.Info(["sleeper"]).Processes.Single().History;
        Assert.Equal(ProcessState.Stopped, history[^1].State);
        Assert.Equal("stopped by user", history[^1].Reason);
    }

    [Fact]
    public async Task StopDuringStarting_EndsStoppedWithTheProcessGone()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("never-ready.sh", "exec sleep 1000");
        var starting = harness.Manager.StartAsync(
            new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Name = "slow", WaitReady = true },
            CancellationToken.None);
        var pid = (await harness.WaitForAsync("slow", row => row.Status == ProcessState.Starting && row.Pid is not null)).Pid!.Value;

        var stopped = await harness.Manager.StopAsync(["slow"], CancellationToken.None);
        var started = await starting.WaitAsync(Testing.TestTimeouts.Short);

        Assert.Equal(ProcessState.Stopped, stopped.Processes.Single().Status);
        Assert.Equal(ProcessState.Stopped, started.Processes.Single().Status);
        await AssertGoneAsync(pid);
    }

    [Fact]
    public async Task RestartDuringStopping_EndsOnlineWithExactlyOneProcess()
    {
        await using var harness = new ManagerHarness();
        // Ignores the stop signal, so the stop lasts killTimeout: the restart arrives while stopping.
        var trapped = Path.Combine(harness.Directory, "trapped");
        var script = harness.Script("stubborn.sh", $"trap '' INT TERM; touch {trapped}; while true; do sleep 1; done");
        await harness.StartAsync(harness.App("stubborn", script) with { KillTimeout = TimeSpan.FromMilliseconds(500) });
        var first = (await harness.WaitForAsync("stubborn", _ => File.Exists(trapped))).Pid!.Value;

        var stop = harness.Manager.StopAsync(["stubborn"], CancellationToken.None);
        await harness.WaitForAsync("stubborn", row => row.Status == ProcessState.Stopping);
        var restart = harness.Manager.RestartAsync(["stubborn"], CancellationToken.None);
        var restarted = await restart.WaitAsync(Testing.TestTimeouts.Short);
        await stop.WaitAsync(Testing.TestTimeouts.Short);

        var row = restarted.Processes.Single();
        Assert.Equal(ProcessState.Online, row.Status);
        Assert.NotEqual(first, row.Pid);
        await AssertGoneAsync(first);
        var session = SessionMembers(row.Pid!.Value);
        Assert.Contains(row.Pid!.Value, session);
        Assert.Equal(ProcessState.Online, harness.Row("stubborn").Status);
        Assert.Single(harness.Manager.List().Processes);
    }

    [Fact]
    public async Task Delete_StopsAndForgetsTheApp()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("sleep.sh", "exec sleep 1000");
        await harness.StartAsync(harness.App("gone", script) with { Instances = Config.Model.InstanceCount.Fixed(2) });
        var pids = harness.Manager.List().Processes.Select(row => row.Pid!.Value).ToList();

        var deleted = await harness.Manager.DeleteAsync(["gone"], CancellationToken.None);

        Assert.Equal(2, deleted.Processes.Count);
        Assert.Empty(harness.Manager.List().Processes);
        foreach (var pid in pids)
        {
            await AssertGoneAsync(pid);
        }
    }

    /// <summary>Gone means no /proc entry at all: not running, and not a zombie either.</summary>
    internal static Task AssertGoneAsync(int pid) =>
        Poll.UntilAsync(() => !Directory.Exists($"/proc/{pid}"), () => $"pid {pid} is gone; it is still {State(pid)}");

    private static string State(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    private static List<int> SessionMembers(int session) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid => State(pid) is var stat && stat != "gone" && stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3] == session.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
