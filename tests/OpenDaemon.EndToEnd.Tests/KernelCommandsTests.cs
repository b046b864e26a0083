using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>od plugin ...</c> and <c>od daemon reload</c> through the real binary.</summary>
public sealed class KernelCommandsTests
{
    [Fact]
    public async Task PluginList_Json_IsAnObjectWithAPluginsArray()
    {
        await using var od = new OdSandbox();

        var list = await od.RunAsync("plugin", "list", "--json");

        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.StandardOutput);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("plugins").ValueKind);
    }

    [Fact]
    public async Task PluginInfo_UnknownPlugin_FailsWithPluginNotFound()
    {
        await using var od = new OdSandbox();

        var info = await od.RunAsync("plugin", "info", "no-such-plugin", "--quiet");

        Assert.Equal(1, info.ExitCode);
        Assert.StartsWith("PLUGIN_NOT_FOUND:", info.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonReload_AfterEditingTheConfig_ReportsTheDifferenceAndRestartKeepsTheFile()
    {
        await using var od = new OdSandbox();
        var file = Path.Combine(od.Home, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(file, "apps:\n  - name: api\n    script: ./api.js\n");
        Assert.Equal(0, (await od.RunAsync("daemon", "start", "-c", file)).ExitCode);
        await File.WriteAllTextAsync(file, "apps:\n  - name: api\n    script: ./api.js\n  - name: worker\n    script: ./worker.js\n");

        var reload = await od.RunAsync("daemon", "reload", "--json");
        var restart = await od.RunAsync("daemon", "restart");
        var status = await od.RunAsync("daemon", "status", "--json");

        Assert.True(reload.ExitCode == 0, reload.ToString());
        using (var json = JsonDocument.Parse(reload.StandardOutput))
        {
            Assert.Equal("worker", json.RootElement.GetProperty("added")[0].GetString());
            Assert.Equal("api", json.RootElement.GetProperty("unchanged")[0].GetString());
        }

        Assert.True(restart.ExitCode == 0, restart.ToString());
        using (var json = JsonDocument.Parse(status.StandardOutput))
        {
            Assert.Equal(file, json.RootElement.GetProperty("configFile").GetString());
        }
    }
}
