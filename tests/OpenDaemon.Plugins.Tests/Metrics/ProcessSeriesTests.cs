using OpenDaemon.Plugins.Metrics.History;

namespace OpenDaemon.Plugins.Tests.Metrics;

public sealed class ProcessSeriesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(ProcessSeries.BlockSamples)]
    [InlineData(ProcessSeries.BlockSamples + 1)]
    [InlineData(720)]
    [InlineData(721)]
    [InlineData(5_000)]
    public void ToArray_ReturnsExactlyTheLastCapacitySamples_AsAdded(int added)
    {
        var series = new ProcessSeries(720);
        var samples = Samples(added, seed: added).ToList();

        foreach (var sample in samples)
        {
            series.Add(sample);
        }

        Assert.Equal(samples.TakeLast(720), series.ToArray());
    }

    [Fact]
    public void Add_ExtremeAndUnknownFigures_RoundTrip()
    {
        var series = new ProcessSeries(10);
        ProcessSample[] samples =
        [
            new(0, float.NaN, 0, 0, 0, 0, 0),
            new(5, 12.34f, int.MaxValue, int.MaxValue, 1, int.MaxValue, 0),
            new(int.MaxValue, 0, 0, 0, int.MaxValue, 0, int.MaxValue),
            new(7, float.NaN, 1, 2, 3, 4, 5),
            new(8, 2_000_000f, 1, 2, 3, 4, 5),
        ];

        foreach (var sample in samples)
        {
            series.Add(sample);
        }

        Assert.Equal(samples, series.ToArray());
    }

    [Fact]
    public void Add_CpuIsKeptToAHundredthOfAPercent()
    {
        var series = new ProcessSeries(10);

        series.Add(new ProcessSample(0, 12.3456f, 1, 1, 1, 0, 0));

        Assert.Equal(12.35f, series.ToArray()[0].CpuPercent);
    }

    [Fact]
    public void Bytes_StayBoundedOnceFull()
    {
        var series = new ProcessSeries(720);
        foreach (var sample in Samples(720, seed: 1))
        {
            series.Add(sample);
        }

        long full = series.Bytes;
        foreach (var sample in Samples(10 * 720, seed: 2))
        {
            series.Add(sample);
        }

        Assert.InRange(series.Bytes, full / 2, full * 3 / 2);
    }

    // Figures that move like a real app's: time in 5 s steps, CPU with two decimals (sometimes unknown), memory
    // drifting, I/O amounts now and then.
    private static IEnumerable<ProcessSample> Samples(int count, int seed)
    {
        var random = new Random(seed);
        var memory = 50_000;
        for (var pass = 0; pass < count; pass++)
        {
            memory = Math.Max(0, memory + random.Next(-300, 300));
            var cpu = random.Next(10) == 0 ? float.NaN : random.Next(0, 40_000) / 100f;
            yield return new ProcessSample(pass * 5, cpu, memory, 10 + random.Next(3), 7, random.Next(4) == 0 ? random.Next(100_000) : 0, random.Next(0, 50));
        }
    }
}
