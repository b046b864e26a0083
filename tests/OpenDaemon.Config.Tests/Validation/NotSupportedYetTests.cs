using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Validation;

/// <summary>Fields nothing acts on yet load, with one "not supported yet" warning each, at file:line.</summary>
public sealed class NotSupportedYetTests
{
    [Fact]
    public async Task LoadAsync_NotLiveFields_WarnOncePerFieldWithItsLine()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", """
            apps:
              - name: api
                script: api.js
                mode: cluster
                watch: true
                cron: "0 3 * * *"
                limits:
                  memory: { max: 1G }
                healthCheck:
                  type: tcp
                  port: 8080
                  action: notify
            """);

        var result = await TestConfig.LoadAsync(file);

        TestConfig.AssertValid(result);
        Assert.Equal(
            [("apps[0].healthCheck.action", 12), ("apps[0].limits", 7)],
            result.Warnings.Select(w => (w.Path, w.Line ?? 0)).Order());
        Assert.All(result.Warnings, w => Assert.Contains("not supported yet", w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Path == "apps[0].mode"); // mode: cluster is live
    }

    [Fact]
    public async Task LoadAsync_LiveValuesAndFalse_WarnAboutNothing()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", """
            apps:
              - name: api
                script: api.js
                mode: fork
                watch: { paths: [src], ignore: ["*.log"], delay: 200ms }
                metrics: false
                healthCheck: { type: tcp, port: 8080, action: stop }
                logs: { format: text, rotation: { maxFiles: 3 } }
            """);

        var result = await TestConfig.LoadAsync(file);

        TestConfig.AssertValid(result);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task LoadAsync_ClusterSectionOnAForkApp_WarnsThatItIsIgnored()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", """
            apps:
              - name: api
                script: api.js
                instances: 2
                cluster: { sticky: true }
              - name: web
                script: web.js
                mode: cluster
                cluster: { sticky: true }
            """);

        var result = await TestConfig.LoadAsync(file);

        TestConfig.AssertValid(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("apps[0].cluster", 5), (warning.Path, warning.Line ?? 0));
        Assert.Contains("applies with mode: cluster; this app runs in fork mode", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NotLiveFieldInDefaults_WarnsOnceAtTheDefaults()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", """
            defaults:
              maxCpu: 80
            apps:
              - { name: db, script: db.js }
              - { name: api, script: api.js }
            """);

        var result = await TestConfig.LoadAsync(file);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("defaults.maxCpu", warning.Path);
        Assert.Equal(2, warning.Line);
    }

    [Fact]
    public async Task LoadAsync_Pm2NamesOfNotLiveFields_WarnNamingThePm2Field()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("ecosystem.config.json", """
            {
              "apps": [{
                "name": "api",
                "script": "api.js",
                "exec_mode": "cluster_mode",
                "instances": 2,
                "watch": true,
                "ignore_watch": ["node_modules"],
                "cron_restart": "0 3 * * *"
              }]
            }
            """);

        var result = await TestConfig.LoadAsync(file);

        TestConfig.AssertValid(result);
        Assert.Equal(
            [("apps[0].exec_mode", 5)],
            result.Warnings.Select(w => (w.Path, w.Line ?? 0)).Order());
        Assert.Contains("PM2 cluster mode without a known port", result.Warnings.Single(w => w.Path == "apps[0].exec_mode").Message, StringComparison.Ordinal);
    }
}
