namespace OpenDaemon.Runtime.Tests.Collection;

/// <summary>The runtime's own meter, reported without the app doing anything.</summary>
[Collection(EveryMeterCollection.Name)]
public sealed class SystemRuntimeTests
{
    [Fact]
    public async Task Start_DefaultMeters_ReportsTheSystemRuntimeMeter()
    {
        using var daemon = new FakeDaemon();
        await using var reporter = daemon.StartReporter(meters: null);
        using var app = await daemon.AcceptAsync();
        GC.Collect(0);

        var report = await app.ReportAsync(reporter);

        var collections = report.Named("dotnet_gc_collections");
        Assert.Contains(collections, s => FakeDaemon.Report.Labels(s).SequenceEqual(["gc.heap.generation=gen0"]));
        Assert.All(collections, s => Assert.Equal("counter", s.GetProperty("type").GetString()));
        Assert.True(collections.Sum(s => s.GetProperty("value").GetDouble()) >= 1);
        var assemblies = report.Named("dotnet_assembly_count").Single(); // an observable up-down counter: a gauge
        Assert.Equal("gauge", assemblies.GetProperty("type").GetString());
        Assert.True(assemblies.GetProperty("value").GetDouble() > 0);
    }
}
