using System.Collections.Immutable;

namespace OpenDaemon.Runtime.Collection;

/// <summary>
/// Every instrument being reported, in the order they were published, and the budget of series they share.
/// Instruments come and go on the threads that create meters and dispose them; the report reads a snapshot
/// (an immutable array swapped atomically), so neither side waits for the other.
/// </summary>
internal sealed class SeriesStore
{
    private ImmutableArray<InstrumentSeries> _instruments = [];
    private int _series;

    /// <summary>The instruments now; one reference read, so always a whole array.</summary>
    public ImmutableArray<InstrumentSeries> Instruments => _instruments;

    public void Add(InstrumentSeries instrument) =>
        ImmutableInterlocked.Update(ref _instruments, static (all, added) => all.Add(added), instrument);

    public void Remove(InstrumentSeries instrument)
    {
        ImmutableInterlocked.Update(ref _instruments, static (all, removed) => all.Remove(removed), instrument);
        GiveBackSeries(instrument.Retire());
    }

    /// <summary>Takes one series from the budget (the daemon keeps <see cref="WireLimits.MaxSeries"/>); false when none is left.</summary>
    public bool TryTakeSeries()
    {
        if (Interlocked.Increment(ref _series) <= WireLimits.MaxSeries)
        {
            return true;
        }

        Interlocked.Decrement(ref _series);
        return false;
    }

    public void GiveBackSeries(int count) => Interlocked.Add(ref _series, -count);
}
