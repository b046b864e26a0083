using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>watch: true</c> in a configuration file, through the real binaries: a change restarts the app and <c>od info</c> shows the watcher.</summary>
public sealed class WatchCommandsTests
{
    [Fact]
    public async Task WatchTrueInAFile_ChangingAFile_RestartsTheAppOnce_AndOdInfoShowsIt()
    {
        await using var od = new OdSandbox();
        var site = Directory.CreateDirectory(Path.Combine(od.Home, "site")).FullName;
        var config = Path.Combine(od.Home, "watch.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - name: watched
                script: /bin/sleep
                args: ["600"]
                cwd: {{site}}
                watch: true
            """);
        var start = await od.RunAsync("start", config);
        Assert.True(start.ExitCode == 0, start.ToString());
        await TestApps.WaitForTableAsync(od, table => table.Any(p => p.Name == "watched" && p.Status == Contracts.Processes.ProcessState.Online), "the app is online");
        await Poll.UntilAsync(async () => await WatchAsync(od) is { ValueKind: JsonValueKind.Object } w && w.GetProperty("watching").GetArrayLength() == 1, "od info shows the watcher");

        File.WriteAllText(Path.Combine(site, "index.html"), "<h1>changed</h1>");

        await TestApps.WaitForTableAsync(od, table => table.Any(p => p.Name == "watched" && p.Restarts == 1 && p.Status == Contracts.Processes.ProcessState.Online), "one restart after the change");
        var watch = await WatchAsync(od);
        Assert.Equal(site, watch.GetProperty("watching")[0].GetString());
        Assert.Equal(1, watch.GetProperty("restarts").GetInt32());
        Assert.Equal(Path.Combine(site, "index.html"), watch.GetProperty("lastChangedPath").GetString());
        var human = await od.RunAsync("info", "watched");
        Assert.Contains("watch restarts", human.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WatchAsync(OdSandbox od)
    {
        var info = await od.RunAsync("info", "watched", "--json");
        Assert.True(info.ExitCode == 0, info.ToString());
        using var document = JsonDocument.Parse(info.StandardOutput);
        return document.RootElement.GetProperty("processes")[0].TryGetProperty("watch", out var watch) ? watch.Clone() : default;
    }
}
