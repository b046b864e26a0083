using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

public sealed class DefaultsMergeTests
{
    private const string Yaml = """
        defaults:
          instances: max
          maxMemory: 256M
          killTimeout: 3s
          env: { NODE_ENV: production, LOG_LEVEL: info }
          healthCheck: { type: http, url: "http://localhost/health", interval: 15s }
          watch: [src]
        apps:
          - name: api
            script: api.js
            maxMemory: 1G
            env: { LOG_LEVEL: debug, PORT: 3000 }
            healthCheck: { url: "http://localhost:3000/ready" }
            watch: false
          - name: worker
            script: worker.js
        """;

    [Fact]
    public async Task LoadAsync_Defaults_AppValuesWinAndObjectsMergeKeyWise()
    {
        using var dir = new TempDirectory();
        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(dir.Write("opendaemon.config.yaml", Yaml)));

        var api = config.Apps[0];
        Assert.Equal(1L << 30, api.MaxMemory);
        Assert.Equal(InstanceCount.Max, api.Instances);
        Assert.Equal(TimeSpan.FromSeconds(3), api.KillTimeout);
        Assert.Equal(EnvValue.Literal("production"), api.Env["NODE_ENV"]);
        Assert.Equal(EnvValue.Literal("debug"), api.Env["LOG_LEVEL"]);
        Assert.Equal(EnvValue.Literal("3000"), api.Env["PORT"]);
        Assert.Equal("http://localhost:3000/ready", api.HealthCheck!.Url);
        Assert.Equal(HealthCheckType.Http, api.HealthCheck.Type);
        Assert.Equal(TimeSpan.FromSeconds(15), api.HealthCheck.Interval);
        Assert.Null(api.Watch);

        var worker = config.Apps[1];
        Assert.Equal(256L << 20, worker.MaxMemory);
        Assert.Equal(EnvValue.Literal("info"), worker.Env["LOG_LEVEL"]);
        Assert.Equal("http://localhost/health", worker.HealthCheck!.Url);
        Assert.Equal([Path.Combine(dir.Path, "src")], worker.Watch!.Paths);
    }

    [Fact]
    public async Task LoadAsync_BadDefault_IsReportedOnceAtTheDefaultsPath()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "defaults:\n  healthCheck: { type: tcp, port: 1, interval: never }\napps:\n  - { name: a, script: a.js }\n  - { name: b, script: b.js }\n");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("defaults.healthCheck.interval", problem.Path);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public async Task LoadAsync_EnvBlockInDefaults_SelectedWithEnvironment()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "defaults:\n  env: { A: dev }\n  env_production: { A: prod }\napps:\n  - { name: a, script: a.js, env_production: { B: prod } }\n");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file, new ConfigLoadOptions { EnvironmentName = "production" }));

        Assert.Equal(EnvValue.Literal("prod"), config.Apps[0].Env["A"]);
        Assert.Equal(EnvValue.Literal("prod"), config.Apps[0].Env["B"]);
    }

    [Fact]
    public async Task LoadAsync_RelativeScriptAndCwd_ResolveAgainstTheConfigDirectory()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("sub/opendaemon.config.yaml", "apps:\n  - { name: a, script: ./a.js, cwd: ../srv }\n  - { name: b, script: redis-server }\n");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file));

        Assert.Equal(Path.Combine(dir.Path, "srv"), config.Apps[0].Cwd);
        Assert.Equal(Path.Combine(dir.Path, "srv", "a.js"), config.Apps[0].Script);
        Assert.Equal(Path.Combine(dir.Path, "sub"), config.Apps[1].Cwd);
        Assert.Equal("redis-server", config.Apps[1].Script);
    }
}
