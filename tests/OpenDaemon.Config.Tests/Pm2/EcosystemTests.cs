using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Pm2;

public sealed class EcosystemTests
{
    private static readonly string Dir = TestConfig.Fixture("pm2");
    private static readonly string File = Path.Combine(Dir, "ecosystem.config.js");

    [Fact]
    public async Task LoadAsync_Pm2Ecosystem_MapsPm2FieldsToOurs()
    {
        var result = await TestConfig.LoadAsync(File);

        var config = TestConfig.AssertValid(result);
        var api = config.Apps[0];
        var apiDir = Path.Combine(Dir, "api");
        Assert.Equal(apiDir, api.Cwd);
        Assert.Equal(Path.Combine(apiDir, "server.js"), api.Script);
        Assert.Equal(ExecMode.Cluster, api.Mode);
        Assert.True(api.Instances.IsMax);
        Assert.Equal(300L << 20, api.MaxMemory);
        Assert.Equal(["--max-old-space-size=256", "--enable-source-maps"], api.InterpreterArgs);
        Assert.Equal(["--port", "8080", "--name", "my api"], api.Args);
        Assert.Equal([Path.Combine(apiDir, "src")], api.Watch!.Paths);
        Assert.Equal(["node_modules", "logs"], api.Watch.Ignore);
        Assert.Equal(TimeSpan.FromSeconds(5), api.KillTimeout);
        Assert.Equal(TimeSpan.FromSeconds(8), api.ReadyTimeout);
        Assert.True(api.WaitReady);
        Assert.Equal(Path.Combine(apiDir, "logs", "api-error.log"), api.ErrorLogFile);
        Assert.Equal(Path.Combine(apiDir, "logs", "api-out.log"), api.LogFile);
        Assert.True(api.MergeLogs);
        Assert.Equal("YYYY-MM-DD HH:mm Z", api.Logs!.TimestampFormat);
        Assert.Equal(TimeSpan.FromSeconds(10), api.MinUptime);
        Assert.Equal(10, api.MaxRestarts);
        Assert.Equal(RestartBackoff.Exponential, api.RestartStrategy);
        Assert.Equal(TimeSpan.FromMilliseconds(100), api.RestartDelay);
        Assert.Equal("shop", api.Namespace);
        Assert.Equal(EnvValue.Literal("development"), api.Env["NODE_ENV"]);
        Assert.Equal(EnvValue.Literal("8080"), api.Env["PORT"]);
        Assert.False(api.Env.ContainsKey("API_KEY"));

        var job = config.Apps[1];
        Assert.Equal(Path.Combine(Dir, "report.py"), job.Script);
        Assert.Equal("python3", job.Interpreter);
        Assert.Equal(["-u"], job.InterpreterArgs);
        Assert.Equal("0 3 * * *", job.Schedule!.Cron);
        Assert.Equal(RestartPolicy.Never, job.AutoRestart);
        Assert.Equal(TimeSpan.FromSeconds(2), job.RestartDelay);
        Assert.Equal("YYYY-MM-DDTHH:mm:ss", job.Logs!.TimestampFormat);
    }

    [Fact]
    public async Task LoadAsync_Pm2Ecosystem_WarnsForEachUnsupportedField()
    {
        var result = await TestConfig.LoadAsync(File);

        // Ignored PM2 fields, and PM2 fields that translate to OpenDaemon fields that are not live yet.
        Assert.Equal(
            ["apps[0].increment_var", "apps[1].pmx", "deploy"],
            result.Warnings.Select(w => w.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Warnings, w => Assert.Contains("not supported", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_EnvProduction_MergesEnvProductionOverEnv()
    {
        var result = await TestConfig.LoadAsync(File, new ConfigLoadOptions { EnvironmentName = "production" });

        var config = TestConfig.AssertValid(result);
        var api = config.Apps[0];
        Assert.Equal(EnvValue.Literal("production"), api.Env["NODE_ENV"]);
        Assert.Equal(EnvValue.Secret("api-key"), api.Env["API_KEY"]);
        Assert.Equal(EnvValue.Literal("8080"), api.Env["PORT"]);
        Assert.Equal(EnvValue.Literal("s3://reports"), config.Apps[1].Env["REPORT_TARGET"]);
    }

    [Fact]
    public async Task LoadAsync_UnknownEnvironment_WarnsThatItChangesNothing()
    {
        var result = await TestConfig.LoadAsync(File, new ConfigLoadOptions { EnvironmentName = "staging" });

        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, w => w.Message.Contains("env_staging", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_Pm2JsonListOfApps_IsAccepted()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("ecosystem.config.json", """
            [ { "name": "a", "script": "a.js", "exec_mode": "fork_mode", "instances": -1, "autorestart": true, "max_restarts": "x" } ]
            """);

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("[0].max_restarts", problem.Path);
        Assert.DoesNotContain(result.Warnings, w => w.Path == "[0].instances"); // -1: all usable CPUs but one ("max-1")
    }

    [Fact]
    public async Task LoadAsync_Pm2AndOurNameBothSet_WarnsAndUsesOurs()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "apps: [ { name: a, script: a.js, kill_timeout: 1000, killTimeout: 3s } ]");

        var result = await TestConfig.LoadAsync(file);

        Assert.Equal(TimeSpan.FromSeconds(3), TestConfig.AssertValid(result).Apps[0].KillTimeout);
        Assert.Contains(result.Warnings, w => w.Path == "apps[0].kill_timeout");
    }

    [Theory]
    [InlineData("wait_ready: true", 3000, ReadyTimeoutAction.Online)] // PM2's GRACEFUL_LISTEN_TIMEOUT, then online as PM2
    [InlineData("wait_ready: true, listen_timeout: 8000", 8000, ReadyTimeoutAction.Online)]
    [InlineData("wait_ready: true, readyTimeoutAction: fail", 3000, ReadyTimeoutAction.Fail)]
    [InlineData("waitReady: true", 30000, ReadyTimeoutAction.Fail)] // our own field keeps ours: errored after 30 s
    public async Task LoadAsync_WaitReady_Pm2sKeyKeepsPm2sTimeoutAndOutcome(string fields, int timeoutMs, ReadyTimeoutAction action)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps: [ {{ name: a, script: a.js, {fields} }} ]");

        var app = TestConfig.AssertValid(await TestConfig.LoadAsync(file)).Apps[0];

        Assert.Equal((true, TimeSpan.FromMilliseconds(timeoutMs), action), (app.WaitReady, app.ReadyTimeout, app.ReadyTimeoutAction));
    }

    [Theory]
    [InlineData("script: app.py, interpreter: python3")] // relayed through the daemon to its own socket
    [InlineData("script: server.js")] // handed over its IPC channel
    public async Task LoadAsync_ConnectionLevelStrategy_IsLiveForEveryLanguage(string fields)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps: [ {{ name: a, {fields}, mode: cluster, port: 3000, cluster: {{ strategy: round-robin }} }} ]");

        var result = await TestConfig.LoadAsync(file);

        Assert.DoesNotContain(result.Warnings, w => w.Path.StartsWith("apps[0].cluster", StringComparison.Ordinal));
    }
}
