using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// Issue #11 item 4: a field or flag the daemon does not act on is a warning ("not supported yet",
/// with file:line) or an error, never silently accepted; the daemon section and plugins.&lt;name&gt;: false work.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HonestConfigTests
{
    private const string Sleeper = "#!/bin/sh\necho hello from the app\nexec sleep 1000\n";

    [Fact]
    public async Task Validate_NotLiveField_WarnsNotSupportedYetWithFileAndLine()
    {
        await using var od = new OdSandbox();
        var file = Path.Combine(od.Home, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(file, "apps:\n  - name: api\n    script: ./api.js\n    maxCpu: 80\n");

        var human = await od.RunAsync("validate", file);
        var json = await od.RunAsync("validate", file, "--json");

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("warning: opendaemon.config.yaml:4:", human.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("apps[0].maxCpu: 'maxCpu' is not supported yet", human.StandardOutput, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.StandardOutput);
        var warning = Assert.Single(document.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Contains("opendaemon.config.yaml:4:", warning.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownPluginSection_FailsWithDidYouMean()
    {
        await using var od = new OdSandbox();
        var file = Path.Combine(od.Home, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(file, "apps:\n  - name: api\n    script: ./api.js\nplugins:\n  log-manger: { flushInterval: 50ms }\n");

        var result = await od.RunAsync("validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("opendaemon.config.yaml:5:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("there is no plugin named 'log-manger'; did you mean 'log-manager'?", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfigWithNotLiveFields_StartsAndPrintsTheWarnings()
    {
        await using var od = new OdSandbox();
        var directory = Executable(od);
        var file = Path.Combine(directory, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(file, "apps:\n  - name: api\n    script: ./app.sh\n    maxCpu: 80\n  - name: job\n    script: ./app.sh\n    logLevel: debug\n");

        var human = await od.RunInAsync(directory, "start", file);
        await od.RunAsync("delete", "all");
        var json = await od.RunInAsync(directory, "start", file, "--json");

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("warning: opendaemon.config.yaml:4:", human.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("'maxCpu' is not supported yet", human.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("opendaemon.config.yaml:7:", human.StandardOutput, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(2, document.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Start_UnknownOption_IsRefusedNamingItAndNothingStarts()
    {
        await using var od = new OdSandbox();
        var directory = Executable(od);

        // PM2's flags (--watch, --max-memory-restart) are options of od start now (Pm2EcosystemTests).
        var watch = await od.RunInAsync(directory, "start", "app.sh", "--watchh");
        var memory = await od.RunInAsync(directory, "start", "app.sh", "--max-memory", "200M");

        Assert.Equal(1, watch.ExitCode);
        Assert.StartsWith("INVALID_PARAMS: od start has no option --watchh", watch.StandardError, StringComparison.Ordinal);
        Assert.Single(watch.StandardError.Trim().Split('\n'));
        Assert.Equal(1, memory.ExitCode);
        Assert.StartsWith("INVALID_PARAMS: od start has no option --max-memory", memory.StandardError, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock, "a refused command must not start a daemon");
    }

    [Fact]
    public async Task DaemonStart_PluginFalseAndDaemonSection_DisablesThePluginAndHonoursTheSection()
    {
        await using var od = new OdSandbox();
        var directory = Executable(od);
        var file = Path.Combine(directory, "opendaemon.config.yaml");
        var pidFile = Path.Combine(od.Home, "run", "custom.pid");
        var logDir = Path.Combine(od.Home, "app-logs");
        await File.WriteAllTextAsync(file, $"daemon:\n  pidFile: {pidFile}\n  logDir: {logDir}\n  shutdownTimeout: 20s\napps:\n  - name: api\n    script: ./app.sh\nplugins:\n  health-check: false\n");

        var start = await od.RunAsync("daemon", "start", "-c", file);
        var list = await od.RunAsync("plugin", "list", "--json");

        Assert.True(start.ExitCode == 0, start.ToString());
        using (var document = JsonDocument.Parse(list.StandardOutput))
        {
            var states = document.RootElement.GetProperty("plugins").EnumerateArray()
                .ToDictionary(plugin => plugin.GetProperty("name").GetString()!, plugin => plugin.GetProperty("state").GetString());
            Assert.Equal("disabled", states["health-check"]);
            Assert.Equal("running", states["process-manager"]);
        }

        Assert.True(File.Exists(pidFile), "daemon.pidFile was not written");
        Assert.True(int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out _));
        await Poll.UntilAsync(
            () => Directory.Exists(logDir) && Directory.EnumerateFiles(logDir, "*", SearchOption.AllDirectories).Any(f => File.ReadAllText(f).Contains("hello from the app", StringComparison.Ordinal)),
            "the app's output in daemon.logDir");
    }

    private static string Executable(OdSandbox od)
    {
        var directory = TestApps.Write(od, "app.sh", Sleeper);
        File.SetUnixFileMode(Path.Combine(directory, "app.sh"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return directory;
    }
}
