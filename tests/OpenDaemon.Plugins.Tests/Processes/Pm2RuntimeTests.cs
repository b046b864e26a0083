using System.Text.Json;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// Apps written for PM2 run here as PM2 runs them: extensionless node files, command lines, PM2's
/// environment (pm_id, instance_var), pid_file, ids from 0, and the Node IPC channel with
/// process.send('ready') and shutdown_with_message.
/// </summary>
public sealed class Pm2RuntimeTests
{
    private static ProcessStartParams Start(ManagerHarness harness, string target, IReadOnlyDictionary<string, JsonElement>? fields = null) =>
        new() { Target = target, WorkingDirectory = harness.Directory, Fields = fields };

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task ExtensionlessTextFileWithoutExecBit_RunsWithNode()
    {
        await using var harness = new ManagerHarness();
        var marker = Path.Combine(harness.Directory, "www-ran");
        Directory.CreateDirectory(Path.Combine(harness.Directory, "bin"));
        var www = Path.Combine(harness.Directory, "bin", "www");
        File.WriteAllText(www, $"require('fs').writeFileSync({JsonSerializer.Serialize(marker)}, process.argv[1]);\nsetInterval(() => {{}}, 1000);\n");
        File.SetUnixFileMode(www, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await harness.Manager.StartAsync(Start(harness, "bin/www"), CancellationToken.None).WaitAsync(TestTimeouts.Process);

        await harness.WaitForAsync("www", _ => File.Exists(marker) && new FileInfo(marker).Length > 0);
        Assert.Equal(www, File.ReadAllText(marker));
        Assert.Equal("node", Path.GetFileName(harness.Manager.Info(["www"]).Processes.Single().Command!.FileName));
    }

    [Fact]
    public async Task ScriptWithShebangButNoExecBit_RunsThroughItsShebang()
    {
        await using var harness = new ManagerHarness();
        var marker = Path.Combine(harness.Directory, "ran");
        var script = Path.Combine(harness.Directory, "task");
        File.WriteAllText(script, $"#!/bin/sh\necho $0 > {marker}\nexec sleep 1000\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await harness.Manager.StartAsync(Start(harness, "./task"), CancellationToken.None).WaitAsync(TestTimeouts.Process);

        await harness.WaitForAsync("task", _ => File.Exists(marker) && new FileInfo(marker).Length > 0);
        var command = harness.Manager.Info(["task"]).Processes.Single().Command!;
        Assert.Equal("/bin/sh", command.FileName);
        Assert.Equal([script], command.Arguments);
    }

    [Fact]
    public async Task CommandLineScript_RunsThroughBashWithArgumentsAfterIt()
    {
        await using var harness = new ManagerHarness();
        var marker = Path.Combine(harness.Directory, "args");
        var app = harness.App("cmdline", $"sh -c 'echo \"$0 $1\" > {marker}; exec sleep 1000'") with { Args = ["x y"] };

        await harness.StartAsync(app);

        await harness.WaitForAsync("cmdline", _ => File.Exists(marker) && new FileInfo(marker).Length > 0);
        var command = harness.Manager.Info(["cmdline"]).Processes.Single().Command!;
        Assert.Equal("bash", Path.GetFileName(command.FileName));
        Assert.Equal("-c", command.Arguments[0]);
        Assert.Equal("x y", command.Arguments[^1]);
    }

    [Fact]
    public async Task Environment_HasPm2VariablesAndInstanceVarRenamesTheInstanceNumber()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("env.sh", "exec sleep 1000");

        await harness.StartAsync(harness.App("envapp", script) with { InstanceVar = "INSTANCE_ID" });

        await harness.WaitForAsync("envapp", row => row.Status == ProcessState.Online);
        var variables = harness.Manager.Env(["envapp"]).Variables.ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal("0", variables["pm_id"]);
        Assert.Equal("envapp", variables["name"]);
        Assert.Equal("0", variables["INSTANCE_ID"]);
        Assert.False(variables.ContainsKey("NODE_APP_INSTANCE"));
        Assert.False(variables.ContainsKey("NODE_CHANNEL_FD")); // not a node app
    }

    [Fact]
    public async Task Ids_StartAgainFromZeroOnceEveryAppIsDeleted()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("idle.sh", "exec sleep 1000");
        await harness.StartAsync(harness.App("a", script), harness.App("b", script));
        Assert.Equal(1, harness.Row("b").Id);

        await harness.Manager.DeleteAsync(["all"], CancellationToken.None).WaitAsync(TestTimeouts.Process);
        await harness.StartAsync(harness.App("c", script));

        Assert.Equal(0, harness.Row("c").Id);
    }

    [Fact]
    public async Task PidFile_HoldsThePidWithTheIdBeforeTheExtension_AndGoesWithTheRun()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("idle.sh", "exec sleep 1000");
        var pidFile = Path.Combine(harness.Directory, "pids", "app.pid");

        await harness.StartAsync(harness.App("pidapp", script) with { PidFile = pidFile });

        var row = await harness.WaitForAsync("pidapp", row => row.Status == ProcessState.Online);
        var written = Path.Combine(harness.Directory, "pids", "app-0.pid");
        Assert.Equal(row.Pid.ToString(), File.ReadAllText(written));

        await harness.Manager.StopAsync(["pidapp"], CancellationToken.None).WaitAsync(TestTimeouts.Process);
        Assert.False(File.Exists(written));
    }

    [Fact]
    public async Task NodeApp_WaitReady_OnlineOnlyAfterProcessSendReady()
    {
        await using var harness = new ManagerHarness();
        var gate = Path.Combine(harness.Directory, "go");
        var app = Path.Combine(harness.Directory, "app.js");
        File.WriteAllText(app, $$"""
            const fs = require('fs');
            const timer = setInterval(() => {
              if (fs.existsSync({{JsonSerializer.Serialize(gate)}})) { clearInterval(timer); process.send('ready'); setInterval(() => {}, 1000); }
            }, 10);
            """);
        var starting = harness.StartAsync(harness.App("ready", app) with { WaitReady = true });

        var row = await harness.WaitForAsync("ready", row => row.Pid is not null);
        Assert.Equal(ProcessState.Starting, row.Status);
        Assert.False(starting.IsCompleted);

        File.WriteAllText(gate, "");
        var started = await starting;

        Assert.Equal(ProcessState.Online, started.Processes.Single().Status);
        Assert.True(harness.Manager.Info(["ready"]).Processes.Single().Readiness.Ready);
    }

    [Fact]
    public async Task NodeApp_ShutdownWithMessage_ReceivesShutdownAndExitsWithoutASignal()
    {
        await using var harness = new ManagerHarness();
        var marker = Path.Combine(harness.Directory, "got-shutdown");
        var app = Path.Combine(harness.Directory, "app.js");
        File.WriteAllText(app, $$"""
            process.on('SIGINT', () => {}); // a signal would be ignored: only the message can stop it cleanly
            process.on('message', (message) => {
              if (message === 'shutdown') { require('fs').writeFileSync({{JsonSerializer.Serialize(marker)}}, 'shutdown'); process.exit(0); }
            });
            process.send('ready');
            """);
        await harness.StartAsync(harness.App("graceful", app) with { WaitReady = true, ShutdownWithMessage = true, KillTimeout = TimeSpan.FromSeconds(20) });

        await harness.Manager.StopAsync(["graceful"], CancellationToken.None).WaitAsync(TestTimeouts.Process);

        Assert.Equal("shutdown", File.ReadAllText(marker));
        var exit = harness.Manager.Info(["graceful"]).Processes.Single().LastExit!;
        Assert.Equal(0, exit.ExitCode);
        Assert.Null(exit.Signal);
    }

    [Fact]
    public async Task NonNodeApp_GetsNoChannelFd()
    {
        await using var harness = new ManagerHarness();
        var marker = Path.Combine(harness.Directory, "fds");
        var script = harness.Script("fds.sh", $"ls /proc/$$/fd > {marker}; echo ${{NODE_CHANNEL_FD:-none}} >> {marker}\nexec sleep 1000");

        await harness.StartAsync(harness.App("fds", script));

        await harness.WaitForAsync("fds", _ => File.Exists(marker) && new FileInfo(marker).Length > 0);
        // fds 0-2, the kept copies of the daemon's ends of its output (KeptOutput) right after them, and the
        // ones sh opens itself for its script (dash: 10 and up); no channel, and no NODE_CHANNEL_FD.
        var lines = File.ReadAllLines(marker).Where(line => line.Length > 0).ToList();
        Assert.Equal("none", lines[^1]);
        Assert.Equal([0, 1, 2, 3, 4], lines.SkipLast(1).Select(int.Parse).Where(fd => fd < 10));
    }

    [Fact]
    public async Task RestartWithUpdateEnv_TakesTheCallersEnvironmentUnderTheAppsOwn()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("env.sh", "exec sleep 1000");
        var app = harness.App("upd", script) with { Env = new Dictionary<string, Config.Model.EnvValue> { ["MODE"] = Config.Model.EnvValue.Literal("config") } };
        await harness.StartAsync(app);
        var caller = new Dictionary<string, string> { ["FROM_SHELL"] = "yes", ["MODE"] = "shell", ["NOTIFY_SOCKET"] = "/run/x" };

        await harness.Manager.RestartAsync(["upd"], caller, CancellationToken.None).WaitAsync(TestTimeouts.Process);

        var variables = harness.Manager.Env(["upd"]).Variables.ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal("yes", variables["FROM_SHELL"]);
        Assert.Equal("config", variables["MODE"]);
        Assert.False(variables.ContainsKey("NOTIFY_SOCKET"));
    }

    [Fact]
    public async Task StartFlags_MapLikeTheirConfigFields_AndUnsupportedOnesWarn()
    {
        await using var harness = new ManagerHarness();
        harness.Script("flags.sh", "exec sleep 1000");
        var fields = new Dictionary<string, JsonElement>
        {
            ["max_memory_restart"] = Json("\"300M\""),
            ["kill_timeout"] = Json("3000"),
            ["autorestart"] = Json("false"),
            ["watch"] = Json("true"),
            ["cron_restart"] = Json("\"0 * * * *\""),
        };

        var started = await harness.Manager.StartAsync(Start(harness, "flags.sh", fields), CancellationToken.None).WaitAsync(TestTimeouts.Process);

        var config = harness.Manager.Info(["flags"]).Processes.Single();
        // autorestart: false with cron_restart is a scheduled job: registered, first run at its first occurrence.
        Assert.Equal(ProcessState.Created, started.Processes.Single().Status);
        Assert.Equal("0 * * * *", config.Config.GetProperty("schedule").GetProperty("cron").GetString());
        // watch is live (the watcher plugin): no warning any more.
        Assert.DoesNotContain(started.Warnings ?? Enumerable.Empty<string>(), w => w.Contains("watch: ", StringComparison.Ordinal));
        Assert.Equal("true", config.Config.GetProperty("watch").GetProperty("paths").GetArrayLength() == 1 ? "true" : "false");
        Assert.Equal(300L << 20, config.Config.GetProperty("maxMemory").GetInt64());
        Assert.Equal("Never", config.Config.GetProperty("autoRestart").GetString());
        Assert.Equal("00:00:03", config.Config.GetProperty("killTimeout").GetString());
    }
}
