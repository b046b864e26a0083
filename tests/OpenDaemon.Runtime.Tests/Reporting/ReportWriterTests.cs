using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using OpenDaemon.Runtime.Collection;
using OpenDaemon.Runtime.Reporting;

namespace OpenDaemon.Runtime.Tests.Reporting;

/// <summary>The report line stays within what the daemon keeps: series, labels, names and bytes.</summary>
[Collection(EveryMeterCollection.Name)]
public sealed class ReportWriterTests : IDisposable
{
    private readonly Meter _meter = new(RuntimeMetricsTests.UniqueName());
    private readonly InstrumentListener _listener;
    private readonly ReportWriter _writer;

    public ReportWriterTests()
    {
        _listener = new InstrumentListener([_meter.Name]);
        _writer = new ReportWriter(_listener.Store);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Write_NoSeries_AnEmptyReportLine()
    {
        Assert.Equal("{\"metrics\":[]}\n", Encoding.UTF8.GetString(_writer.Write().Span));
    }

    [Fact]
    public void Write_MoreTagSetsThanTheDaemonKeeps_StopsAtFiveHundredSeries()
    {
        var counter = _meter.CreateCounter<int>("users");
        for (var i = 0; i < 600; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("user", i));
        }

        Assert.Equal(500, Series(_writer.Write()).Count);
    }

    [Fact]
    public void Write_SeriesLargerThanOneLine_StopsUnderTheLineLimitWithValidJson()
    {
        var counter = _meter.CreateCounter<int>("wide");
        for (var i = 0; i < 100; i++)
        {
            var tags = Enumerable.Range(0, 16).Select(k => new KeyValuePair<string, object?>($"k{k}", $"{i}-{new string('v', 250)}")).ToArray();
            counter.Add(1, tags);
        }

        var line = _writer.Write();

        Assert.True(line.Length <= 128 * 1024, $"{line.Length} bytes");
        Assert.Equal((byte)'\n', line.Span[^1]);
        Assert.InRange(Series(line).Count, 1, 99);
    }

    [Fact]
    public void Write_LabelsOrNamesTheDaemonWouldRefuse_LeftOut()
    {
        var counter = _meter.CreateCounter<int>("labelled");
        counter.Add(1, [.. Enumerable.Range(0, 17).Select(k => new KeyValuePair<string, object?>($"k{k}", "v"))]);
        counter.Add(1, new KeyValuePair<string, object?>("k", new string('v', 257)));
        counter.Add(1, new KeyValuePair<string, object?>("", "v"));
        counter.Add(1, new KeyValuePair<string, object?>("k", new string('v', 256)));
        _meter.CreateCounter<int>(new string('n', 129)).Add(1);

        var series = Series(_writer.Write());

        Assert.Equal(["labelled"], series.Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public void Write_TagThatIsNotValidUtf16_SentWithAReplacementCharacter()
    {
        _meter.CreateCounter<int>("texts").Add(1, new KeyValuePair<string, object?>("text", "a\ud800"));

        var series = Series(_writer.Write());

        Assert.Equal("a\ufffd", series.Single().GetProperty("labels").GetProperty("text").GetString());
    }

    [Fact]
    public void Write_NegativeCounter_LeftOut()
    {
        _meter.CreateCounter<int>("refunds").Add(-3);

        Assert.Empty(Series(_writer.Write()));
    }

    [Fact]
    public void Write_IntegerHistogramWithAdvice_BoundsAsNumbersAndEveryBucketCumulative()
    {
        var histogram = _meter.CreateHistogram<int>("batch_size", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 5, 10] });
        histogram.Record(4);
        histogram.Record(5);
        histogram.Record(11);

        var buckets = Series(_writer.Write()).Single().GetProperty("buckets").EnumerateArray()
            .Select(b => (b.GetProperty("le").GetDouble(), b.GetProperty("count").GetInt64()));

        Assert.Equal([(1.0, 0L), (5.0, 2L), (10.0, 2L)], buckets);
    }

    [Fact]
    public void Sanitize_UnorderedInfiniteRepeatedOrTooManyBounds_AscendingFiniteDistinctAtMost64()
    {
        Assert.Equal([1.0, 2], HistogramBuckets.Sanitize([double.PositiveInfinity, 2, double.NaN, 1, 2]));
        Assert.Equal(64, HistogramBuckets.Sanitize(Enumerable.Range(0, 100).Select(i => (double)i)).Length);
    }

    private static List<JsonElement> Series(ReadOnlyMemory<byte> line)
    {
        using var document = JsonDocument.Parse(line);
        return [.. document.RootElement.GetProperty("metrics").EnumerateArray().Select(e => e.Clone())];
    }
}
