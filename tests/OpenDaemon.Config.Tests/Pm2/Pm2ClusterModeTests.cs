using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Pm2;

/// <summary>
/// PM2's cluster mode in ecosystem files: explicit <c>exec_mode: cluster</c> and PM2's implicit cluster
/// (<c>instances</c> on a Node script) become <c>mode: cluster</c> when the port is known, else fork mode.
/// </summary>
public sealed class Pm2ClusterModeTests
{
    [Theory]
    [InlineData("cluster")]
    [InlineData("cluster_mode")]
    public async Task LoadAsync_ExecModeClusterWithPort_IsClusterWithoutWarning(string execMode)
    {
        var app = await LoadOneAsync($$"""{ "name": "api", "script": "api.js", "exec_mode": "{{execMode}}", "instances": 2, "port": 3000 }""");

        Assert.Equal(ExecMode.Cluster, app.Config.Mode);
        Assert.Equal(2, app.Config.Instances.Count);
        Assert.Equal(3000, app.Config.Port);
        Assert.Empty(app.Warnings);
    }

    [Fact]
    public async Task LoadAsync_ExecModeClusterWithPortInAnEnvBlock_IsCluster()
    {
        var app = await LoadOneAsync("""{ "name": "api", "script": "api.js", "exec_mode": "cluster", "instances": 2, "env_production": { "PORT": "8080" } }""");

        Assert.Equal(ExecMode.Cluster, app.Config.Mode);
        Assert.Empty(app.Warnings);
    }

    [Fact]
    public async Task LoadAsync_ExecModeClusterWithoutPort_IsForkWithAWarningAtExecMode()
    {
        var app = await LoadOneAsync("""{ "name": "worker", "script": "worker.js", "exec_mode": "cluster", "instances": 2 }""");

        Assert.Equal(ExecMode.Fork, app.Config.Mode);
        Assert.Equal(2, app.Config.Instances.Count);
        var warning = Assert.Single(app.Warnings);
        Assert.Equal("[0].exec_mode", warning.Path);
        Assert.Contains("PM2 cluster mode without a known port", warning.Message, StringComparison.Ordinal);
        Assert.Contains("fork mode", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server.js")]
    [InlineData("server.cjs")]
    [InlineData("server.mjs")]
    public async Task LoadAsync_ImplicitClusterNodeScriptWithInstancesAndPort_IsCluster(string script)
    {
        var app = await LoadOneAsync($$"""{ "name": "api", "script": "{{script}}", "instances": "max", "env": { "PORT": 3000 } }""");

        Assert.Equal(ExecMode.Cluster, app.Config.Mode);
        Assert.True(app.Config.Instances.IsMax);
        Assert.Empty(app.Warnings);
    }

    [Fact]
    public async Task LoadAsync_ImplicitClusterWithoutPort_IsForkSilently()
    {
        // The file never said "cluster": PM2 picked it; without a port fork mode is what the user gets, no warning.
        var app = await LoadOneAsync("""{ "name": "worker", "script": "worker.js", "instances": 4 }""");

        Assert.Equal(ExecMode.Fork, app.Config.Mode);
        Assert.Equal(4, app.Config.Instances.Count);
        Assert.Empty(app.Warnings);
    }

    [Theory]
    [InlineData("""{ "name": "py", "script": "app.py", "instances": 2, "port": 3000 }""")]
    [InlineData("""{ "name": "py", "script": "app.js", "interpreter": "bun", "instances": 2, "port": 3000 }""")]
    [InlineData("""{ "name": "one", "script": "app.js", "exec_mode": "fork", "instances": 2, "port": 3000 }""")]
    public async Task LoadAsync_NotNodeOrExplicitFork_StaysFork(string json)
    {
        var app = await LoadOneAsync(json);

        Assert.Equal(ExecMode.Fork, app.Config.Mode);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("\"max\"", 0)]
    [InlineData("-1", 1)]
    [InlineData("-3", 3)]
    public async Task LoadAsync_Pm2InstancesZeroOrNegative_IsMaxLeavingCpusFree(string instances, int reserved)
    {
        var app = await LoadOneAsync($$"""{ "name": "api", "script": "api.js", "exec_mode": "cluster", "instances": {{instances}}, "port": 3000 }""");

        Assert.True(app.Config.Instances.IsMax);
        Assert.Equal(reserved, app.Config.Instances.Reserved);
    }

    private static async Task<(ProcessConfig Config, IReadOnlyList<ConfigWarning> Warnings)> LoadOneAsync(string appJson)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("ecosystem.config.json", $"[ {appJson} ]");

        var result = await TestConfig.LoadAsync(file);

        var config = TestConfig.AssertValid(result);
        return (Assert.Single(config.Apps), result.Warnings);
    }
}
