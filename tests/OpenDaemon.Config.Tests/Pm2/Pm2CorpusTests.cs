using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Pm2;

/// <summary>
/// Every ecosystem file of Pm2/Corpus loaded and compared field by field with what PM2 runs for it
/// (PM2's documented behaviour and lib/Common.js: names from the script, cmd/command as script,
/// command lines in 'script', string or list arguments, env_&lt;name&gt; blocks).
/// </summary>
public sealed class Pm2CorpusTests
{
    private static string Dir(string name) => Path.Combine(AppContext.BaseDirectory, "Pm2", "Corpus", name);

    private static async Task<(OpenDaemonConfig Config, ConfigLoadResult Result, string Dir)> LoadAsync(string folder, string file, string? environment = null)
    {
        var dir = Dir(folder);
        var result = await TestConfig.LoadAsync(Path.Combine(dir, file), new ConfigLoadOptions { EnvironmentName = environment });
        return (TestConfig.AssertValid(result), result, dir);
    }

    private static string[] WarningPaths(ConfigLoadResult result) => [.. result.Warnings.Select(w => w.Path).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Load_ExpressBinWww_KeepsTheExtensionlessScriptAndEnv()
    {
        var (config, result, dir) = await LoadAsync("express", "ecosystem.config.js", "production");

        var app = Assert.Single(config.Apps);
        Assert.Equal("myapp", app.Name);
        Assert.Equal(Path.Combine(dir, "bin", "www"), app.Script);
        Assert.Null(app.Interpreter); // chosen at launch: node for a text file without shebang, as PM2
        Assert.Equal(EnvValue.Literal("production"), app.Env["NODE_ENV"]);
        Assert.Equal(EnvValue.Literal("3000"), app.Env["PORT"]);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Load_SingleAppExportedFromJs_IsTheOnlyApp()
    {
        var (config, result, dir) = await LoadAsync("single-app-js", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        Assert.Equal("api", app.Name);
        Assert.Equal(Path.Combine(dir, "server.js"), app.Script);
        Assert.Equal(InstanceCount.Fixed(2), app.Instances);
        Assert.Equal(ExecMode.Fork, app.Mode); // cluster mode needs a port to share; this file names none
        Assert.Equal(["exec_mode"], WarningPaths(result)); // "PM2 cluster mode without a known port"
    }

    [Fact]
    public async Task Load_SingleAppJson_IsTheOnlyAppAndWarningsPointAtTopLevelKeys()
    {
        var (config, result, dir) = await LoadAsync("single-app-json", "ecosystem.json");

        var app = Assert.Single(config.Apps);
        Assert.Equal("worker", app.Name);
        Assert.Equal(Path.Combine(dir, "worker.js"), app.Script);
        Assert.Equal(200L << 20, app.MaxMemory);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Load_SingleAppJsonWithUnknownField_ReportsItAtTheTopLevelKey()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "ecosystem.json");
        await File.WriteAllTextAsync(file, "{\n  \"script\": \"a.js\",\n  \"exec_mode\": \"cluster\"\n}\n");

        var result = await TestConfig.LoadAsync(file);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("exec_mode", warning.Path);
        Assert.Equal(3, warning.Line);
    }

    [Fact]
    public async Task Load_AppsWithoutName_AreNamedAfterTheScriptWithoutExtension()
    {
        var (config, _, dir) = await LoadAsync("no-name", "ecosystem.config.js");

        Assert.Equal(["index", "worker"], config.Apps.Select(a => a.Name));
        Assert.Equal(Path.Combine(dir, "src", "index.js"), config.Apps[0].Script);
        Assert.Equal(Path.Combine(dir, "worker.mjs"), config.Apps[1].Script);
    }

    [Fact]
    public async Task Load_CmdAndCommand_AreTheScript()
    {
        var (config, result, dir) = await LoadAsync("cmd-alias", "ecosystem.json");

        Assert.Equal(Path.Combine(dir, "app.js"), config.Apps[0].Script);
        Assert.Equal(Path.Combine(dir, "queue.js"), config.Apps[1].Script);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Load_CommandLineScript_StaysACommandLineNamedLikePm2()
    {
        var (config, _, _) = await LoadAsync("command-line", "ecosystem.config.js");

        Assert.Equal("npm start", config.Apps[0].Name);
        Assert.Equal("npm start", config.Apps[0].Script);
        Assert.Equal("client", config.Apps[1].Name);
        Assert.Equal("npm", config.Apps[1].Script); // a bare command: looked up on PATH
        Assert.Equal(["run", "serve"], config.Apps[1].Args);
    }

    [Fact]
    public async Task Load_NodeCommandLineInYaml_NamedAfterTheLastPathPart()
    {
        var (config, _, _) = await LoadAsync("node-command-line", "ecosystem.yaml");

        var app = Assert.Single(config.Apps);
        Assert.Equal("node server", app.Name); // PM2: basename("node server.js --port 3000") up to the last dot
        Assert.Equal("node server.js --port 3000", app.Script);
        Assert.Equal(EnvValue.Literal("production"), app.Env["NODE_ENV"]);
    }

    [Fact]
    public async Task Load_InterpreterNone_RunsTheBinaryWithListArgs()
    {
        var (config, _, dir) = await LoadAsync("interpreter-none", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        Assert.Equal("none", app.Interpreter);
        Assert.Equal(Path.Combine(dir, "bin", "server"), app.Script);
        Assert.Equal(["-listen", ":8080"], app.Args);
    }

    [Fact]
    public async Task Load_BashInterpreterWithCron_CronIsLive()
    {
        var (config, result, dir) = await LoadAsync("bash", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        Assert.Equal("bash", app.Interpreter);
        Assert.Equal(Path.Combine(dir, "scripts", "backup"), app.Script);
        Assert.Equal(RestartPolicy.Never, app.AutoRestart);
        Assert.Equal("0 2 * * *", app.Schedule!.Cron);
        Assert.Empty(WarningPaths(result));
    }

    [Fact]
    public async Task Load_Python3JsonWithComments_StringInterpreterArgsAndListArgs()
    {
        var (config, result, dir) = await LoadAsync("python3", "ecosystem.json");

        var app = Assert.Single(config.Apps);
        Assert.Equal(Path.Combine(dir, "app.py"), app.Script);
        Assert.Equal("python3", app.Interpreter);
        Assert.Equal(["-u"], app.InterpreterArgs);
        Assert.Equal(["--workers", "2"], app.Args);
        Assert.Equal(EnvValue.Literal("production"), app.Env["FLASK_ENV"]);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Load_ExecInterpreterAndForkModeAndNodeArgsList_Map()
    {
        var (config, result, _) = await LoadAsync("exec-interpreter", "ecosystem.json");

        var app = Assert.Single(config.Apps);
        Assert.Equal("node", app.Interpreter);
        Assert.Equal(ExecMode.Fork, app.Mode);
        Assert.Equal(["--harmony", "--max-old-space-size=512"], app.InterpreterArgs);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Load_NodeArgsString_IsSplitLikeAShell()
    {
        var (config, _, _) = await LoadAsync("node-args-string", "ecosystem.config.js");

        Assert.Equal(["--inspect=0.0.0.0:9229", "--max-old-space-size=1024"], config.Apps[0].InterpreterArgs);
    }

    [Fact]
    public async Task Load_ArgsString_IsSplitLikeAShell()
    {
        var (config, _, _) = await LoadAsync("args-string", "ecosystem.config.js");

        Assert.Equal(["--port", "8080", "--verbose"], config.Apps[0].Args);
    }

    [Fact]
    public async Task Load_GracefulStartAndShutdown_MapsAllFourFields()
    {
        var (config, result, _) = await LoadAsync("wait-ready", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        Assert.True(app.WaitReady);
        Assert.Equal(TimeSpan.FromSeconds(10), app.ReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), app.KillTimeout);
        Assert.True(app.ShutdownWithMessage);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData(null, "development", "3000")]
    [InlineData("production", "production", "80")]
    [InlineData("staging", "staging", "3000")]
    public async Task Load_EnvBlocks_SelectedByEnvironment(string? environment, string nodeEnv, string port)
    {
        var (config, _, _) = await LoadAsync("env-production", "ecosystem.json", environment);

        Assert.Equal(EnvValue.Literal(nodeEnv), config.Apps[0].Env["NODE_ENV"]);
        Assert.Equal(EnvValue.Literal(port), config.Apps[0].Env["PORT"]);
    }

    [Fact]
    public async Task Load_InstanceVar_RenamesTheInstanceVariable()
    {
        var (config, _, _) = await LoadAsync("instance-var", "ecosystem.config.js");

        Assert.Equal("INSTANCE_ID", config.Apps[0].InstanceVar);
        Assert.Equal(InstanceCount.Fixed(4), config.Apps[0].Instances);
    }

    [Fact]
    public async Task Load_PidFileAndPid_AreAbsolute()
    {
        var (config, result, dir) = await LoadAsync("pid-file", "ecosystem.json");

        Assert.Equal(Path.Combine(dir, "pids", "one.pid"), config.Apps[0].PidFile);
        Assert.Equal("/var/run/two.pid", config.Apps[1].PidFile);
        Assert.Empty(result.Warnings);
        Assert.Equal("NODE_APP_INSTANCE", config.Apps[0].InstanceVar);
    }

    [Fact]
    public async Task Load_NextJs_ScriptRelativeToTheAppCwd()
    {
        var (config, _, dir) = await LoadAsync("nextjs", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        var web = Path.Combine(dir, "web");
        Assert.Equal(web, app.Cwd);
        Assert.Equal(Path.Combine(web, "node_modules", "next", "dist", "bin", "next"), app.Script);
        Assert.Equal(["start", "-p", "3000"], app.Args);
    }

    [Fact]
    public async Task Load_RestartPolicyYaml_MapsPm2Units()
    {
        var (config, result, _) = await LoadAsync("restart-policy", "ecosystem.yml");

        var app = Assert.Single(config.Apps);
        Assert.Equal(RestartPolicy.Never, app.AutoRestart);
        Assert.Equal(TimeSpan.FromSeconds(4), app.RestartDelay);
        Assert.Equal(10, app.MaxRestarts);
        Assert.Equal(TimeSpan.FromSeconds(5), app.MinUptime);
        Assert.Equal(TimeSpan.FromSeconds(5), app.KillTimeout);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Load_ExpBackoff_ExponentialFrom100ms()
    {
        var (config, _, _) = await LoadAsync("exp-backoff", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        Assert.Equal(RestartBackoff.Exponential, app.RestartStrategy);
        Assert.Equal(TimeSpan.FromMilliseconds(100), app.RestartDelay);
        Assert.Equal(1L << 30, app.MaxMemory);
    }

    [Fact]
    public async Task Load_LogFiles_MapToLogFields()
    {
        var (config, result, dir) = await LoadAsync("logs", "ecosystem.config.js");

        var app = Assert.Single(config.Apps);
        Assert.Equal(Path.Combine(dir, "logs", "out.log"), app.LogFile);
        Assert.Equal(Path.Combine(dir, "logs", "err.log"), app.ErrorLogFile);
        Assert.Equal(Path.Combine(dir, "logs", "combined.log"), app.Logs?.CombinedFile);
        Assert.True(app.MergeLogs);
        Assert.Equal("YYYY-MM-DD HH:mm Z", app.Logs!.TimestampFormat);
        Assert.Empty(WarningPaths(result)); // log_file is the combined file: mapped, not warned
    }

    [Fact]
    public async Task Load_MonitoringAndWatchFields_EachNamedInAWarning()
    {
        var (config, result, _) = await LoadAsync("monitoring", "ecosystem.config.js");

        Assert.Equal("INSTANCE_ID", config.Apps[0].InstanceVar);
        Assert.Equal(
            ["apps[0].pmx", "apps[0].source_map_support", "apps[0].treekill", "apps[0].vizion"],
            WarningPaths(result));
    }

    [Fact]
    public async Task Load_BareList_AppsAndDefaultName()
    {
        var (config, _, dir) = await LoadAsync("bare-list", "ecosystem.json");

        Assert.Equal(["a", "b"], config.Apps.Select(a => a.Name));
        Assert.Equal(Path.Combine(dir, "b.js"), config.Apps[1].Script);
        Assert.Equal(["--b"], config.Apps[1].Args);
    }

    [Fact]
    public async Task Load_UserAlias_IsUid()
    {
        var (config, result, _) = await LoadAsync("user-alias", "ecosystem.yaml");

        Assert.Equal("www-data", config.Apps[0].Uid);
        Assert.Equal("web", config.Apps[0].Namespace);
        Assert.Empty(WarningPaths(result)); // namespace is live: commands select apps by it
    }

    [Fact]
    public async Task Load_CjsConfig_EvaluatedByNode()
    {
        var (config, _, dir) = await LoadAsync("cjs", "ecosystem.config.cjs");

        var app = Assert.Single(config.Apps);
        Assert.Equal("esm-project", app.Name);
        Assert.Equal(Path.Combine(dir, "dist", "main.js"), app.Script);
        Assert.Equal(EnvValue.Literal("UTC"), app.Env["TZ"]);
    }
}
