using System.Text.Json;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Validation;

/// <summary><c>plugins.&lt;name&gt;</c>: only built-in plugins; <c>false</c> disables one.</summary>
public sealed class PluginSectionTests
{
    [Fact]
    public async Task LoadAsync_UnknownPluginSection_IsAProblemWithDidYouMean()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "apps: [ { name: a, script: a.js } ]\nplugins:\n  helth-check: false\n");

        var result = await TestConfig.LoadAsync(file);

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("plugins.helth-check", problem.Path);
        Assert.Equal(3, problem.Line);
        Assert.Contains("there is no plugin named 'helth-check'; did you mean 'health-check'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_PluginFalseOrTrue_KeepsFalseToDisableAndDropsTrue()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "apps: [ { name: a, script: a.js } ]\nplugins: { health-check: false, log-manager: true }\n");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file));

        Assert.Equal(JsonValueKind.False, config.Plugins["health-check"].ValueKind);
        Assert.False(config.Plugins.ContainsKey("log-manager"));
    }

    [Fact]
    public async Task LoadAsync_DaemonSocketPath_IsRefusedNamingOdSocket()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "daemon: { socketPath: /tmp/od.sock, shutdownTimeout: 20s }\napps: [ { name: a, script: a.js } ]\n");

        var result = await TestConfig.LoadAsync(file);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("daemon.socketPath", problem.Path);
        Assert.Contains("OD_SOCKET", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_DaemonSection_IsRead()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", "daemon: { pidFile: run/od.pid, logDir: logs, logLevel: debug, shutdownTimeout: 20s }\napps: [ { name: a, script: a.js } ]\n");

        var config = TestConfig.AssertValid(await TestConfig.LoadAsync(file));

        Assert.Equal(Path.Combine(dir.Path, "run", "od.pid"), config.Daemon.PidFile);
        Assert.Equal(Path.Combine(dir.Path, "logs"), config.Daemon.LogDir);
        Assert.Equal("debug", config.Daemon.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(20), config.Daemon.ShutdownTimeout);
    }
}
