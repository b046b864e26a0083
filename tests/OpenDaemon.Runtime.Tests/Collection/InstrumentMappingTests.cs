using System.Diagnostics.Metrics;
using System.Text.Json;
using OpenDaemon.Testing;

namespace OpenDaemon.Runtime.Tests.Collection;

/// <summary>
/// Each kind of instrument as the daemon receives it, over a real socket: counters total, gauges current,
/// histograms cumulative, non-finite values skipped, meters filtered.
/// </summary>
public sealed class InstrumentMappingTests : IAsyncLifetime
{
    private readonly FakeDaemon _daemon = new();
    private readonly Meter _meter = new(RuntimeMetricsTests.UniqueName());
    private RuntimeMetricsReporter _reporter = null!;
    private FakeDaemon.AppSide _app = null!;

    public async Task InitializeAsync()
    {
        _reporter = _daemon.StartReporter(_meter.Name);
        _app = await _daemon.AcceptAsync();
    }

    public async Task DisposeAsync()
    {
        await _reporter.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);
        _app.Dispose();
        _meter.Dispose();
        _daemon.Dispose();
    }

    [Fact]
    public async Task Counter_SeveralAddsAndTagSets_TotalsPerTagSetWithHelpAndLabels()
    {
        var orders = _meter.CreateCounter<long>("orders.placed", description: "Orders placed.");
        orders.Add(1, Tag("region", "eu"));
        orders.Add(2, Tag("region", "eu"));
        orders.Add(5, Tag("region", "us"));
        orders.Add(1, Tag("region", "us"), Tag("channel", "web"));
        orders.Add(3, Tag("channel", "web"), Tag("region", "us")); // the same tags in another order: the same series

        var report = await _app.ReportAsync(_reporter);

        var eu = report.One("orders_placed", "region=eu");
        Assert.Equal("counter", eu.GetProperty("type").GetString());
        Assert.Equal("Orders placed.", eu.GetProperty("help").GetString());
        Assert.Equal(3, eu.GetProperty("value").GetDouble());
        Assert.Equal(5, report.One("orders_placed", "region=us").GetProperty("value").GetDouble());
        Assert.Equal(4, report.One("orders_placed", "channel=web", "region=us").GetProperty("value").GetDouble());
        Assert.Equal(3, report.Named("orders_placed").Count);
    }

    [Fact]
    public async Task Counter_TagValuesOfOtherTypes_InvariantStringsAndNullAsEmpty()
    {
        var hits = _meter.CreateCounter<double>("hits");
        hits.Add(1.5, Tag("status", 200), Tag("ratio", 0.5), Tag("user", null));
        hits.Add(1.5, Tag("user", null), Tag("ratio", 0.5), Tag("status", 200));

        var report = await _app.ReportAsync(_reporter);

        Assert.Equal(3, report.One("hits", "ratio=0.5", "status=200", "user=").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Counter_ConcurrentAddsFromManyThreads_NoneLost()
    {
        var counter = _meter.CreateCounter<int>("work");

        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => counter.Add(1, Tag("shard", i % 2)));
        var report = await _app.ReportAsync(_reporter);

        Assert.Equal(20_000, report.One("work", "shard=0").GetProperty("value").GetDouble());
        Assert.Equal(20_000, report.One("work", "shard=1").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task ObservableCounter_ReportsTheObservedCumulativeValue()
    {
        long total = 40;
        _meter.CreateObservableCounter("bytes_sent_total", () => total, unit: "By");

        Assert.Equal(40, (await _app.ReportAsync(_reporter)).One("bytes_sent_total").GetProperty("value").GetDouble());
        total = 45;
        Assert.Equal(45, (await _app.ReportAsync(_reporter)).One("bytes_sent_total").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task UpDownCounterGaugeAndObservableGauge_ReportedAsGauges()
    {
        var queue = _meter.CreateUpDownCounter<int>("queue_depth");
        queue.Add(5);
        queue.Add(-7);
        var workers = _meter.CreateGauge<short>("workers");
        workers.Record(8);
        workers.Record(3);
        _meter.CreateObservableGauge("temperature_celsius", () => new Measurement<decimal>(21.5m, Tag("room", "a")));
        _meter.CreateObservableUpDownCounter("connections", () => 12);

        var report = await _app.ReportAsync(_reporter);

        Assert.Equal(("gauge", -2.0), TypeAndValue(report.One("queue_depth")));
        Assert.Equal(("gauge", 3.0), TypeAndValue(report.One("workers")));
        Assert.Equal(("gauge", 21.5), TypeAndValue(report.One("temperature_celsius", "room=a")));
        Assert.Equal(("gauge", 12.0), TypeAndValue(report.One("connections")));
    }

    [Fact]
    public async Task Histogram_WithAdvice_CumulativeBucketsOnTheAdvisedBoundsWithSumAndCount()
    {
        var latency = _meter.CreateHistogram<double>("latency_seconds", "s", "Request latency.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5] });
        foreach (var value in new[] { 0.5, 1, 1.5, 3, 10 })
        {
            latency.Record(value, Tag("route", "/"));
        }

        var series = (await _app.ReportAsync(_reporter)).One("latency_seconds", "route=/");

        Assert.Equal("histogram", series.GetProperty("type").GetString());
        Assert.Equal([(1.0, 2L), (2.0, 3L), (5.0, 4L)], Buckets(series));
        Assert.Equal(16, series.GetProperty("sum").GetDouble());
        Assert.Equal(5, series.GetProperty("count").GetInt64());
        Assert.Equal(0, series.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Histogram_WithoutAdvice_DefaultBucketsBySecondsOrNot()
    {
        _meter.CreateHistogram<float>("wait", unit: "s").Record(0.2f);
        _meter.CreateHistogram<int>("payload_bytes", unit: "By").Record(300);

        var report = await _app.ReportAsync(_reporter);

        var seconds = Buckets(report.One("wait"));
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], seconds.Select(b => b.Le));
        Assert.Equal([0L, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], seconds.Select(b => b.Count));
        var other = Buckets(report.One("payload_bytes"));
        Assert.Equal([0.0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000], other.Select(b => b.Le));
        Assert.Equal(1, other.Single(b => b.Le == 500).Count);
        Assert.Equal(0, other.Single(b => b.Le == 250).Count);
    }

    [Fact]
    public async Task NonFiniteMeasurements_Skipped()
    {
        var counter = _meter.CreateCounter<double>("retries");
        counter.Add(double.NaN);
        counter.Add(double.PositiveInfinity);
        counter.Add(2);
        _meter.CreateGauge<double>("ratio").Record(double.NaN);
        var histogram = _meter.CreateHistogram<double>("size");
        histogram.Record(double.NaN);
        histogram.Record(7);

        var report = await _app.ReportAsync(_reporter);

        Assert.Equal(2, report.One("retries").GetProperty("value").GetDouble());
        Assert.Empty(report.Named("ratio"));
        Assert.Equal((7.0, 1L), (report.One("size").GetProperty("sum").GetDouble(), report.One("size").GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task MetersOption_OnlyTheNamedMetersAreReported()
    {
        using var other = new Meter(RuntimeMetricsTests.UniqueName());
        other.CreateCounter<int>("elsewhere").Add(1);
        _meter.CreateCounter<int>("here").Add(1);

        var report = await _app.ReportAsync(_reporter);

        Assert.Single(report.Named("here"));
        Assert.Empty(report.Named("elsewhere"));
        Assert.Empty(report.Named("dotnet_gc_collections"));
    }

    [Fact]
    public async Task DisposedMeter_ItsSeriesLeaveTheReport()
    {
        var gone = new Meter(_meter.Name);
        gone.CreateCounter<int>("short_lived").Add(1);
        Assert.Single((await _app.ReportAsync(_reporter)).Named("short_lived"));

        gone.Dispose();

        Assert.Empty((await _app.ReportAsync(_reporter)).Named("short_lived"));
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private static (string?, double) TypeAndValue(JsonElement series) =>
        (series.GetProperty("type").GetString(), series.GetProperty("value").GetDouble());

    private static (double Le, long Count)[] Buckets(JsonElement series) =>
        [.. series.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("le").GetDouble(), b.GetProperty("count").GetInt64()))];
}
