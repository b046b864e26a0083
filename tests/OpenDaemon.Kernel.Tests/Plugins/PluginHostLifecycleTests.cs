using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.Plugins;

public sealed class PluginHostLifecycleTests
{
    [Fact]
    public async Task StopAsync_OneStopThrows_StopsAllInReverseOrderAndReportsFailure()
    {
        await using var h = new KernelHarness();
        h.Add("a");
        var b = h.Add(new TestPlugin("b", h.Journal) { Dependencies = ["a"], OnStop = _ => throw new InvalidOperationException("disk gone") });
        h.Add(new TestPlugin("c", h.Journal) { Dependencies = ["b"] });
        await h.StartAsync();

        await h.Host.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.Equal(["c", "b", "a"], h.JournalOf("stop"));
        Assert.All(h.Host.List(), p => Assert.Equal(PluginState.Stopped, p.State));
        Assert.Contains("disk gone", Assert.Single(b.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PluginThrowsInStart_MarkedFailedDependentsNotStartedOthersRun()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("db", h.Journal) { OnStart = _ => throw new InvalidOperationException("port taken") });
        h.Add(new TestPlugin("web", h.Journal) { Dependencies = ["db"] });
        h.Add("logs");

        await h.StartAsync();

        var db = h.Host.Info("db");
        Assert.Equal(PluginState.Failed, db.State);
        Assert.Contains("port taken", db.LastError!.Message, StringComparison.Ordinal);
        var web = h.Host.Info("web");
        Assert.Equal(PluginState.Failed, web.State);
        Assert.Equal(ErrorCode.PluginDependencyMissing, web.LastError!.Code);
        Assert.Contains("dependency db is failed", web.LastError.Message, StringComparison.Ordinal);
        Assert.Equal(PluginState.Running, h.Host.Info("logs").State);
        Assert.Equal(["logs"], h.JournalOf("ready"));

        // db was installed, so it still gets its Stop to release what it acquired.
        await h.Host.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);
        Assert.Equal(["logs", "db"], h.JournalOf("stop"));
    }

    [Fact]
    public async Task Context_PluginConfig_UserSectionDeepMergedOverDefaults()
    {
        var config = new OpenDaemonConfig
        {
            Plugins = new Dictionary<string, JsonElement> { ["web"] = JsonDocument.Parse("""{"port": 8080}""").RootElement.Clone() },
        };
        await using var h = new KernelHarness(config);
        TestPluginConfig? seen = null;
        h.Add(new TestPlugin("web", h.Journal)
        {
            DefaultConfig = JsonDocument.Parse("""{"port": 80, "mode": "fast"}""").RootElement.Clone(),
            OnStart = ctx =>
            {
                seen = ctx.GetPluginConfig(TestJsonContext.Default.TestPluginConfig);
                return default;
            },
        });

        await h.StartAsync();

        Assert.Equal(new TestPluginConfig(8080, "fast"), seen);
    }

    [Fact]
    public async Task StartAsync_ConfigInvalid_PluginNotStartedWithValidationError()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("web", h.Journal) { Validate = _ => ["port must be 1-65535", "mode is required"] });

        await h.StartAsync();

        var info = h.Host.Info("web");
        Assert.Equal(PluginState.Failed, info.State);
        Assert.Equal(ErrorCode.ConfigValidationError, info.LastError!.Code);
        Assert.Equal("plugins.web: port must be 1-65535; mode is required", info.LastError.Message);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public async Task Context_GetPlugin_ReturnsRunningDependencyAsItsInterface()
    {
        await using var h = new KernelHarness();
        h.Add("db");
        IPlugin? found = null;
        h.Add(new TestPlugin("web", h.Journal)
        {
            Dependencies = ["db"],
            OnStart = ctx =>
            {
                found = ctx.GetPlugin<IPlugin>("db");
                return default;
            },
        });

        await h.StartAsync();

        Assert.Equal("db", found?.Name);
    }

    [Fact]
    public async Task CheckHealthAsync_ReportsEachRunningPlugin_UnhealthyCountsAsFailure()
    {
        await using var h = new KernelHarness();
        h.Add("good");
        var bad = h.Add(new TestPlugin("bad", h.Journal) { OnHealth = _ => ValueTask.FromResult(false) });
        await h.StartAsync();

        var health = await h.Host.CheckHealthAsync(CancellationToken.None).WaitAsync(TestTimeouts.Short);

        Assert.True(health["good"]);
        Assert.False(health["bad"]);
        Assert.Equal(ErrorCode.HealthCheckFailed, Assert.Single(bad.Errors).Code);
        Assert.Equal(1, h.Host.Info("bad").FailureCount);
    }

    [Fact]
    public async Task RegisterMetric_RecordsDefinitionWithOwningPlugin()
    {
        await using var h = new KernelHarness();
        h.Add(new TestPlugin("proc", h.Journal)
        {
            OnInstall = ctx =>
            {
                ctx.RegisterMetric(new MetricDefinition("od_restarts_total", MetricType.Counter, "Restarts", ["app"]));
                return default;
            },
        });

        await h.StartAsync();

        var metric = Assert.Single(h.Host.Metrics);
        Assert.Equal(("od_restarts_total", "proc"), (metric.Name, metric.Plugin));
    }

    [Fact]
    public async Task PluginInfo_SerialisesWithKernelJsonContext_LowerCaseStates()
    {
        await using var h = new KernelHarness();
        h.Add("logs");
        await h.StartAsync();

        string json = JsonSerializer.Serialize(h.Host.List(), KernelJsonContext.Default.IReadOnlyListPluginInfo);

        Assert.Contains("\"state\":\"running\"", json, StringComparison.Ordinal);
        Assert.Contains("\"breaker\":\"closed\"", json, StringComparison.Ordinal);
    }
}
