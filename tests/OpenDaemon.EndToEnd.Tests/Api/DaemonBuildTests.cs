using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests.Api;

/// <summary>
/// od-daemon links no API; a config that turns it on makes od-daemon exec od-daemon-api (Startup/DaemonWithApi),
/// keeping its pid. What runs is read from /proc/PID/exe.
/// </summary>
public sealed class DaemonBuildTests
{
    [Fact]
    public async Task ConfigWithoutApi_RunsOdDaemon()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "apps.yaml");
        File.WriteAllText(config, "apps:\n  - name: sleeper\n    script: /bin/sleep\n    args: [\"600\"]\n");

        await ApiDaemon.StartAsync(od, config);

        Assert.Equal("od-daemon", ExecutableOf(od));
    }

    [Fact]
    public async Task ConfigWithApi_ExecsOdDaemonApi_WithThePidTheLauncherSaw()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig(string.Empty));

        await ApiDaemon.StartAsync(od, config);

        Assert.Equal("od-daemon-api", ExecutableOf(od));
        var (baseUri, _) = await ApiDaemon.EndpointAsync(od);
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(baseUri, "/api/v1/health"));
        Assert.True(health.IsSuccessStatusCode, health.ToString());
    }

    [Fact]
    public async Task ConfigWithApi_OdDaemonApiMissing_FailsTheStartNamingIt()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "api.yaml");
        File.WriteAllText(config, ApiDaemon.ApiConfig(string.Empty));
        od.Environment["OD_DAEMON_API_PATH"] = Path.Combine(od.Home, "no-such-od-daemon-api");

        var start = await od.RunAsync("daemon", "start", "--config", config);

        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("DAEMON_START_FAILED", start.StandardError, StringComparison.Ordinal);
        Assert.Contains("no-such-od-daemon-api", start.StandardError, StringComparison.Ordinal);
        Assert.False(od.DaemonHoldsLock);
    }

    private static string ExecutableOf(OdSandbox od)
    {
        var pid = od.ReadDaemonPid() ?? throw new InvalidOperationException("no daemon pid file");
        return Path.GetFileName(File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: false)!.FullName);
    }
}
