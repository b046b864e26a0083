using System.Globalization;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>Health checks through the real <c>od</c> binary: a config's http check gates online and shows in <c>od ls</c>.</summary>
public sealed class HealthCheckCommandsTests
{
    private const string WebApp = """
        const http = require('http');
        http.createServer((req, res) => res.end('status: ok')).listen(Number(process.env.PORT), '127.0.0.1');
        """;

    [Fact]
    public async Task Start_ConfigWithHttpHealthCheck_BecomesHealthyInLs()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "web.js", WebApp);
        var port = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(app, "web.config.yaml"), $"""
            apps:
              - name: web
                script: ./web.js
                env:
                  PORT: "{port}"
                healthCheck:
                  type: http
                  url: http://127.0.0.1:{port}/health
                  interval: 300
                  failureThreshold: 10
                  expectedBody: "/status: OK/i"
            """);

        var start = await od.RunInAsync(app, "start", "web.config.yaml");

        Assert.True(start.ExitCode == 0, start.ToString());
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Health == HealthStatus.Healthy, "web is healthy");
        Assert.Equal(ProcessState.Online, table[0].Status);
        var ls = await od.RunAsync("ls");
        Assert.Contains("healthy", ls.StandardOutput, StringComparison.Ordinal);
        var info = await od.RunAsync("info", "web");
        Assert.Contains("check message     HTTP 200, body match /status: OK/i", info.StandardOutput, StringComparison.Ordinal);
    }

}
