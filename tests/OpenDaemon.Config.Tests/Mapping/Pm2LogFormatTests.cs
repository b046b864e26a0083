using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

/// <summary>PM2 ecosystem apps write PM2's plain log files unless they choose a format; <c>logs.combinedFile</c> is PM2's <c>log_file</c>.</summary>
public sealed class Pm2LogFormatTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("od-pm2logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LoadAsync_EcosystemWithoutFormat_IsTextAndCombinedFileIsResolved()
    {
        var config = await LoadAsync("ecosystem.json", """
            { "apps": [
              { "name": "plain", "script": "a.js", "logs": { "combinedFile": "logs/all.log" } },
              { "name": "chosen", "script": "a.js", "logs": { "format": "json" } },
              { "name": "shorthand", "script": "a.js", "logFormat": "json" }
            ] }
            """);

        Assert.Equal(LogFormat.Text, config.Apps[0].Logs!.Format);
        Assert.Equal(Path.Combine(_directory, "logs", "all.log"), config.Apps[0].Logs!.CombinedFile);
        Assert.Equal(LogFormat.Json, config.Apps[1].Logs!.Format);
        Assert.Equal(LogFormat.Json, config.Apps[2].Logs!.Format);
    }

    [Fact]
    public async Task LoadAsync_OwnConfigWithoutFormat_StaysJson()
    {
        var config = await LoadAsync("apps.json", """{ "apps": [ { "name": "api", "script": "a.js" } ] }""");

        Assert.Equal(LogFormat.Json, config.Apps[0].Logs?.Format ?? LogFormat.Json);
    }

    private async Task<OpenDaemonConfig> LoadAsync(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, text);
        await File.WriteAllTextAsync(Path.Combine(_directory, "a.js"), "");
        var result = await TestConfig.LoadAsync(path);
        Assert.DoesNotContain(result.Warnings, warning => warning.ToString().Contains("combinedFile", StringComparison.Ordinal));
        return TestConfig.AssertValid(result);
    }
}
