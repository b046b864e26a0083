using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Config;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>Instances, environment, set, save/resurrect and reload, with real apps.</summary>
public sealed class AppManagementTests
{
    [Fact]
    public async Task Instances_EachGetTheirOwnInstanceIdInTheEnvironment()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("env.sh", $"echo \"$OD_INSTANCE_ID $NODE_APP_INSTANCE $GREETING\" > {harness.Directory}/out-$OD_INSTANCE_ID; exec sleep 1000");

        var started = await harness.Manager.StartAsync(
            new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Name = "web", Instances = "3", SetEnv = new Dictionary<string, string> { ["GREETING"] = "hello" } },
            CancellationToken.None);

        Assert.Equal(3, started.Processes.Count);
        Assert.Equal(3, started.Processes.Select(row => row.Pid).Distinct().Count());
        for (var instance = 0; instance < 3; instance++)
        {
            var file = Path.Combine(harness.Directory, $"out-{instance}");
            await WaitForFileAsync(file);
            Assert.Equal($"{instance} {instance} hello", File.ReadAllText(file).Trim());
        }
    }

    [Fact]
    public async Task Env_ShowsTheMergedEnvironmentWithItsSources()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("ok.sh", "exec sleep 1000");
        await harness.StartAsync(harness.App("api", script) with { Env = new Dictionary<string, EnvValue> { ["MODE"] = EnvValue.Literal("fast") } });

        var env = harness.Manager.Env(["api"]);

        Assert.Contains(env.Variables, v => v is { Name: "MODE", Value: "fast", Source: "config" });
        Assert.Contains(env.Variables, v => v is { Name: "OD_INSTANCE_ID", Value: "0", Source: "od" });
        Assert.Contains(env.Variables, v => v.Name == "PATH" && v.Source == "daemon");
    }

    [Fact]
    public async Task Set_TakesEffectAtTheNextRestart()
    {
        await using var harness = new ManagerHarness();
        var output = Path.Combine(harness.Directory, "flavour");
        var script = harness.Script("flavour.sh", $"echo \"[$FLAVOUR]\" > {output}; exec sleep 1000");
        await harness.StartAsync(harness.App("api", script));
        await WaitForFileAsync(output);
        Assert.Equal("[]", File.ReadAllText(output).Trim());

        var answer = await harness.Manager.SetAsync(new ProcessSetParams("api", "FLAVOUR", "mint"), CancellationToken.None);
        Assert.Contains("next restart", answer.Notes!.Single(), StringComparison.Ordinal);
        File.Delete(output);
        await harness.Manager.RestartAsync(["api"], CancellationToken.None);

        await WaitForFileAsync(output);
        Assert.Equal("[mint]", File.ReadAllText(output).Trim());
    }

    [Fact]
    public async Task SaveThenResurrect_RestoresRunningAppsAndKeepsStoppedOnesStopped()
    {
        using var shared = new Testing.TempDirectory();
        var dump = shared.File("dump.json");
        var script = shared.File("ok.sh");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 1000\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        {
            await using (var first = new ManagerHarness())
            {
                // The dump outlives the first harness's directory: the apps live in the shared one.
                await first.StartAsync(
                    first.App("web", script) with { Instances = InstanceCount.Fixed(2), Cwd = shared.FullPath },
                    first.App("idle", script) with { Cwd = shared.FullPath });
                await first.Manager.StopAsync(["idle"], CancellationToken.None);
                await first.Manager.SaveAsync(CancellationToken.None);
                File.Copy(Path.Combine(first.Directory, "dump.json"), dump);
            }

            await using var second = new ManagerHarness();
            File.Copy(dump, Path.Combine(second.Directory, "dump.json"));
            var restored = await second.Manager.ResurrectAsync(CancellationToken.None);

            Assert.Equal(["web", "web", "idle"], restored.Processes.OrderBy(row => row.Id).Select(row => row.Name));
            Assert.All(restored.Processes.Where(row => row.Name == "web"), row => Assert.Equal(ProcessState.Online, row.Status));
            Assert.Equal(ProcessState.Stopped, restored.Processes.Single(row => row.Name == "idle").Status);
            Assert.Equal([0, 1, 2], restored.Processes.Select(row => row.Id).Order());
        }
    }

    [Fact]
    public async Task Reload_StartsAddedStopsRemovedRestartsChangedAndLeavesTheRestAlone()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("ok.sh", "exec sleep 1000");
        await harness.StartAsync(harness.App("keep", script), harness.App("change", script), harness.App("drop", script));
        var keepPid = harness.Row("keep").Pid;
        var changePid = harness.Row("change").Pid;
        var config = new OpenDaemonConfig
        {
            Apps = [harness.App("keep", script), harness.App("change", script) with { KillTimeout = TimeSpan.FromSeconds(3) }, harness.App("new", script)],
        };
        var changes = new ConfigReloadResult { File = "x", Added = ["new"], Removed = ["drop"], Changed = ["change"], Unchanged = ["keep"], Warnings = [] };

        await harness.Manager.ApplyReloadAsync(config, changes, CancellationToken.None);

        var rows = harness.Manager.List().Processes;
        Assert.Equal(["change", "keep", "new"], rows.Select(row => row.Name).Order());
        Assert.All(rows, row => Assert.Equal(ProcessState.Online, row.Status));
        Assert.Equal(keepPid, harness.Row("keep").Pid);
        Assert.NotEqual(changePid, harness.Row("change").Pid);
        Assert.Equal("00:00:03", harness.Manager.Info(["change"]).Processes.Single().Config.GetProperty("killTimeout").GetString());
    }

    private static Task WaitForFileAsync(string path) =>
        Poll.UntilAsync(() => File.Exists(path) && new FileInfo(path).Length > 0, $"{path} has content");
}
