using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// The process commands through the real <c>od</c> binary and a real daemon, with real node apps:
/// start, ls, stop, restart, delete, info, env, set, save/resurrect, and the daemon restart that
/// keeps the apps.
/// </summary>
public sealed class ProcessCommandsTests
{
    [Fact]
    public async Task Start_TwoInstances_AreOnlineWithTheirOwnProcessesAndInstanceIds()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);

        var start = await od.RunInAsync(app, "start", "app.js", "--name", "api", "-i", "2");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("api", start.StandardOutput, StringComparison.Ordinal);
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances");
        Assert.All(table, process => Assert.Equal("api", process.Name));
        var pids = table.Select(process => process.Pid!.Value).ToList();
        Assert.Equal(2, pids.Distinct().Count());
        Assert.All(pids, pid => Assert.True(TestApps.IsAlive(pid), $"pid {pid} is not running"));
        await Poll.UntilAsync(() => TestApps.ReadReport(app, 0) is not null && TestApps.ReadReport(app, 1) is not null, "both instances wrote their report");
        Assert.Equal(pids.Order(), new[] { TestApps.ReadReport(app, 0)!.Value.Pid, TestApps.ReadReport(app, 1)!.Value.Pid }.Order());
    }

    [Fact]
    public async Task StopRestartDelete_OneApp_StopsRestartsWithNewPidsAndForgetsIt()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "api", "-i", "2")).ExitCode);
        var first = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances");
        var firstPids = first.Select(process => process.Pid!.Value).ToList();

        var stop = await od.RunAsync("stop", "api");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("stopped", stop.StandardOutput, StringComparison.Ordinal);
        var stopped = await TestApps.ListAsync(od);
        Assert.All(stopped, process => Assert.Equal(ProcessState.Stopped, process.Status));
        Assert.All(stopped, process => Assert.Null(process.Pid));
        await Poll.UntilAsync(() => firstPids.All(pid => !TestApps.IsAlive(pid)), "the stopped processes are gone");

        var restart = await od.RunAsync("restart", "api");

        Assert.True(restart.ExitCode == 0, restart.ToString());
        var restarted = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online instances again");
        Assert.All(restarted, process => Assert.DoesNotContain(process.Pid!.Value, firstPids));
        Assert.All(restarted, process => Assert.True(TestApps.IsAlive(process.Pid!.Value)));

        var delete = await od.RunAsync("delete", "api");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("deleted api (ids 0, 1)", delete.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(await TestApps.ListAsync(od));
        var ls = await od.RunAsync("ls");
        Assert.Contains("no processes", ls.StandardOutput, StringComparison.Ordinal);
        await Poll.UntilAsync(() => restarted.All(p => !TestApps.IsAlive(p.Pid!.Value)), "the deleted processes are gone");
    }

    [Fact]
    public async Task Info_CrashingAppThatIsNeverRestarted_ShowsExitCodeAndCrashLog()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "crash.js", TestApps.Crasher);
        File.WriteAllText(Path.Combine(app, "crash.config.yaml"), """
            apps:
              - name: api
                script: ./crash.js
                autoRestart: never
            """);

        await od.RunInAsync(app, "start", "crash.config.yaml");
        await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Status == ProcessState.Errored, "the crashed app is errored");
        var info = await od.RunAsync("info", "api");

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("errored", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("last exit         code 3", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("crash log:\n    boom", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("autoRestart     never", info.StandardOutput, StringComparison.Ordinal);
        var json = await od.RunAsync("info", "api", "--json");
        var detail = Assert.Single(JsonSerializer.Deserialize(json.StandardOutput, ContractsJsonContext.Default.ProcessDetailList)!.Processes);
        Assert.Equal(3, detail.LastExit?.ExitCode);
        Assert.Contains("stderr boom", detail.LastExit!.LastLines);
    }

    [Fact]
    public async Task Env_ShowsSetenvVariablesAndTheInstanceId()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "api", "--setenv", "GREETING=hello world")).ExitCode);

        var env = await od.RunAsync("env", "api");

        Assert.True(env.ExitCode == 0, env.ToString());
        var lines = env.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("GREETING=hello world", lines);
        Assert.Contains("OD_INSTANCE_ID=0", lines);
    }

    [Fact]
    public async Task Set_ThenRestart_TheAppSeesTheNewValue()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "api")).ExitCode);
        await Poll.UntilAsync(() => TestApps.ReadReport(app, 0) is not null, "the app reported");
        var before = TestApps.ReadReport(app, 0)!.Value;
        Assert.Equal("", before.Foo);

        var set = await od.RunAsync("set", "api", "FOO", "bar");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("restart", set.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await od.RunAsync("restart", "api")).ExitCode);
        await Poll.UntilAsync(() => TestApps.ReadReport(app, 0) is { } report && report.Pid != before.Pid, "the restarted app reported");
        Assert.Equal("bar", TestApps.ReadReport(app, 0)!.Value.Foo);
    }

    [Fact]
    public async Task Start_MissingScript_FailsWithOneLineNamingThePath()
    {
        await using var od = new OdSandbox();
        var missing = Path.Combine(od.Home, "nowhere", "missing.js");
        // A running daemon, so that stderr holds only the error (not also "started the daemon").
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);

        var start = await od.RunAsync("start", missing);

        AssertOneLineError(start, "PROCESS_START_FAILED");
        Assert.Contains(missing, start.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_UnknownName_IsProcessNotFound()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);

        AssertOneLineError(await od.RunAsync("stop", "nope"), "PROCESS_NOT_FOUND");
        AssertOneLineError(await od.RunAsync("info", "nope"), "PROCESS_NOT_FOUND");
    }

    [Fact]
    public async Task Start_NameOfARunningApp_IsProcessAlreadyExists()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "api")).ExitCode);

        AssertOneLineError(await od.RunInAsync(app, "start", "app.js", "--name", "api"), "PROCESS_ALREADY_EXISTS");
    }

    [Theory]
    [InlineData("-i", "0")]
    [InlineData("-i", "lots")]
    [InlineData("--setenv", "NOEQUALS")]
    public async Task Start_InvalidOption_IsRejectedBeforeAnyDaemonStarts(string option, string value)
    {
        await using var od = new OdSandbox();

        var start = await od.RunAsync("start", "app.js", option, value);

        AssertOneLineError(start, "INVALID_PARAMS");
        Assert.Contains(value, start.StandardError, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock, "a daemon was started for an invalid command");
    }

    [Fact]
    public async Task Stop_WithoutDaemon_IsDaemonNotRunningAndStartsNone()
    {
        await using var od = new OdSandbox();

        AssertOneLineError(await od.RunAsync("stop", "api"), "DAEMON_NOT_RUNNING");
        Assert.False(od.DaemonHoldsLock);
    }

    [Fact]
    public async Task Ls_WithoutDaemon_StartsOneAndShowsAnEmptyTable()
    {
        await using var od = new OdSandbox();

        var ls = await od.RunAsync("ls");

        Assert.True(ls.ExitCode == 0, ls.ToString());
        Assert.Contains("no processes; start one with: od start app.js", ls.StandardOutput, StringComparison.Ordinal);
        Assert.True(od.DaemonHoldsLock);
    }

    [Fact]
    public async Task SaveDaemonStopStartResurrect_BringsTheSameAppsBackWithNewProcesses()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "api", "-i", "2")).ExitCode);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "worker")).ExitCode);
        var before = await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "3 online instances");

        var save = await od.RunAsync("save");

        Assert.True(save.ExitCode == 0, save.ToString());
        Assert.Contains("saved 2 apps (3 instances) to ", save.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await od.RunAsync("daemon", "stop")).ExitCode);
        await Poll.UntilAsync(() => before.All(p => !TestApps.IsAlive(p.Pid!.Value)), "the apps stopped with the daemon");

        var start = await od.RunAsync("daemon", "start", "--resurrect");

        Assert.True(start.ExitCode == 0, start.ToString());
        var after = await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "3 online instances after resurrect");
        Assert.Equal(before.Select(p => (p.Id, p.Name)), after.Select(p => (p.Id, p.Name)));
        Assert.All(after, process => Assert.DoesNotContain(process.Pid, before.Select(p => p.Pid)));
    }

    [Fact]
    public async Task DaemonRestart_KeepsTheAppsOnline()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "app.js", TestApps.Reporter);
        Assert.Equal(0, (await od.RunInAsync(app, "start", "app.js", "--name", "api")).ExitCode);
        var before = await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Status == ProcessState.Online, "api online");
        var daemonPid = od.ReadDaemonPid();

        var restart = await od.RunAsync("daemon", "restart");

        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Contains("saved 1 app, restarted daemon, restored 1 app", restart.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(daemonPid, od.ReadDaemonPid());
        var after = await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Status == ProcessState.Online, "api online after the daemon restart");
        Assert.Equal("api", after[0].Name);
        Assert.NotEqual(before[0].Pid, after[0].Pid);
    }

    private static void AssertOneLineError(CliResult result, string code)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{code}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
