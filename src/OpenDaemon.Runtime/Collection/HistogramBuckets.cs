using System.Diagnostics.Metrics;

namespace OpenDaemon.Runtime.Collection;

/// <summary>
/// The bucket bounds of a histogram: the instrument's advice (<c>InstrumentAdvice.HistogramBucketBoundaries</c>)
/// when it has some, otherwise Prometheus' defaults for seconds, or a wider set for anything else (milliseconds,
/// bytes, counts).
/// </summary>
internal static class HistogramBuckets
{
    private static readonly double[] Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] Others = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>The bounds for <paramref name="instrument"/>: ascending, finite, distinct, at most <see cref="WireLimits.MaxBuckets"/>.</summary>
    public static double[] For(Instrument instrument) =>
        Advised(instrument) is { } advised ? Sanitize(advised) : instrument.Unit == "s" ? Seconds : Others;

    /// <summary>Sorted, without infinities, NaN or repeats, cut at <see cref="WireLimits.MaxBuckets"/> bounds.</summary>
    internal static double[] Sanitize(IEnumerable<double> bounds)
    {
        var kept = bounds.Where(double.IsFinite).Distinct().Order().Take(WireLimits.MaxBuckets);
        return [.. kept];
    }

    private static IEnumerable<double>? Advised(Instrument instrument) => instrument switch
    {
        Instrument<byte> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<short> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<long> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<float> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<double> i => i.Advice?.HistogramBucketBoundaries,
        Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        _ => null,
    };
}
