using OpenDaemon.Config.Model;
using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Mapping;

/// <summary><c>apps[].metrics</c> in its shapes: a boolean, or an object whose fields keep their defaults when left out.</summary>
public sealed class MetricsMappingTests
{
    [Fact]
    public async Task LoadAsync_RuntimeFalse_OptsOutOfTheNodePreloadOnly()
    {
        var metrics = await LoadMetricsAsync("{ runtime: false, interval: 10s }");

        Assert.Equal((true, false, TimeSpan.FromSeconds(10)), (metrics!.Enabled, metrics.Runtime, metrics.Interval));
    }

    [Fact]
    public async Task LoadAsync_ObjectWithoutRuntime_KeepsTheRuntimeOn()
    {
        var metrics = await LoadMetricsAsync("{ labels: { team: core } }");

        Assert.True(metrics!.Runtime);
        Assert.Equal("core", metrics.Labels["team"]);
    }

    [Fact]
    public async Task LoadAsync_False_TurnsEverythingOff()
    {
        var metrics = await LoadMetricsAsync("false");

        Assert.False(metrics!.Enabled);
    }

    private static async Task<MetricsConfig?> LoadMetricsAsync(string metrics)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("opendaemon.config.yaml", $"apps:\n  - name: a\n    script: a.js\n    metrics: {metrics}\n");
        return TestConfig.AssertValid(await TestConfig.LoadAsync(file)).Apps[0].Metrics;
    }
}
