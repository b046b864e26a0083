using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OpenDaemon.Runtime.Collection;

/// <summary>
/// One instrument as the daemon will see it: its name, type and help, and its series by label set. Measurements
/// arrive on any thread: an existing series is found without locking or (for string tags) allocating; a new one
/// is added only while the store's series budget lasts, so an instrument with unbounded tags cannot grow memory
/// without bound.
/// </summary>
internal sealed class InstrumentSeries
{
    private readonly ConcurrentDictionary<LabelSet, Series> _series = new(LabelSetComparer.Instance);
    private readonly ConcurrentDictionary<LabelSet, Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _byTags;
    private readonly SeriesStore _store;
    private readonly bool _accumulates;
    private readonly double[] _bounds;
    private volatile bool _retired;

    private InstrumentSeries(SeriesStore store, string name, string? help, SeriesKind kind, bool accumulates, double[] bounds)
    {
        _byTags = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        _store = store;
        Name = name;
        Help = help;
        Kind = kind;
        _accumulates = accumulates;
        _bounds = bounds;
    }

    public string Name { get; }

    public string? Help { get; }

    public SeriesKind Kind { get; }

    /// <summary>The series so far; safe to enumerate while measurements add more.</summary>
    public IEnumerable<KeyValuePair<LabelSet, Series>> Series => _series;

    /// <summary>
    /// The series of <paramref name="instrument"/>; null for an instrument the daemon could not take (a name longer
    /// than it keeps) or that is not one of the platform's seven kinds.
    /// </summary>
    public static InstrumentSeries? TryCreate(Instrument instrument, SeriesStore store)
    {
        if (KindOf(instrument) is not var (kind, accumulates))
        {
            return null;
        }

        var name = MetricName.Of(instrument.Name);
        if (name.Length > WireLimits.MaxNameLength)
        {
            return null;
        }

        var help = instrument.Description is { Length: > 0 } description ? description[..Math.Min(description.Length, WireLimits.MaxHelpLength)] : null;
        var bounds = kind == SeriesKind.Histogram ? HistogramBuckets.For(instrument) : [];
        return new InstrumentSeries(store, name, help, kind, accumulates, bounds);
    }

    /// <summary>
    /// Counters and up-down counters add their measurements up; observable instruments report a cumulative or
    /// current value, and a Gauge its last one.
    /// </summary>
    private static (SeriesKind Kind, bool Accumulates)? KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? (SeriesKind.Counter, true)
            : definition == typeof(ObservableCounter<>) ? (SeriesKind.Counter, false)
            : definition == typeof(UpDownCounter<>) ? (SeriesKind.Gauge, true)
            : definition == typeof(ObservableUpDownCounter<>) || definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) ? (SeriesKind.Gauge, false)
            : definition == typeof(Histogram<>) ? (SeriesKind.Histogram, true)
            : null;
    }

    /// <summary>Takes one measurement; called on whichever thread recorded it. Non-finite values are dropped.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsFinite(value) && Find(tags) is { } series)
        {
            series.Record(value);
        }
    }

    /// <summary>Stops taking new series (the instrument's meter was disposed); returns how many series it held.</summary>
    public int Retire()
    {
        _retired = true;
        return _series.Count;
    }

    private Series? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_byTags.TryGetValue(tags, out var series))
        {
            return series;
        }

        if (_retired || LabelSet.TryFrom(tags) is not { } labels || !_store.TryTakeSeries())
        {
            return null;
        }

        Series created = Kind == SeriesKind.Histogram ? new HistogramSeries(_bounds) : new ScalarSeries(_accumulates);
        if (_series.TryAdd(labels, created))
        {
            return created;
        }

        _store.GiveBackSeries(1); // another thread added it first
        return _series.TryGetValue(labels, out series) ? series : null;
    }
}
