using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Environment;

namespace OpenDaemon.Daemon.Tests;

public sealed class DaemonConfigFileTests
{
    private static readonly DaemonHostOptions Given = new()
    {
        Environment = new OdEnvironment("/tmp/od-home", HomeIsExplicit: true, SocketOverride: null),
        ShutdownTimeout = TimeSpan.FromSeconds(3),
        MinimumLogLevel = LogLevel.Warning,
    };

    [Fact]
    public void Apply_DaemonSection_SetsShutdownLogLevelLogDirAndPidFile()
    {
        var options = DaemonConfigFile.Apply(Given, new DaemonSettings
        {
            ShutdownTimeout = TimeSpan.FromSeconds(25),
            LogLevel = "debug",
            LogDir = "/srv/logs",
            PidFile = "/run/od/od.pid",
        });

        Assert.Equal(TimeSpan.FromSeconds(25), options.ShutdownTimeout);
        Assert.Equal(LogLevel.Debug, options.MinimumLogLevel);
        Assert.Equal("/srv/logs", options.AppLogDirectory);
        Assert.Equal("/run/od/od.pid", options.PidFile);
    }

    [Fact]
    public void Apply_SectionLeftAtDefaults_KeepsTheGivenOptions()
    {
        var options = DaemonConfigFile.Apply(Given, new DaemonSettings());

        Assert.Equal(Given, options);
    }

    [Fact]
    public void DisabledPlugins_FalseOrEnabledFalse_AreDisabledAndOtherSectionsAreNot()
    {
        static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
        var config = OpenDaemonConfig.Empty with
        {
            Plugins = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["watcher"] = Json("false"),
                ["audit-logger"] = Json("""{"enabled":false,"keep":3}"""),
                ["metrics-collector"] = Json("""{"interval":"5s"}"""),
                ["scheduler"] = Json("""{"enabled":true}"""),
            },
        };

        Assert.Equal(["audit-logger", "watcher"], DaemonConfigFile.DisabledPlugins(config).Order(StringComparer.Ordinal));
    }
}
