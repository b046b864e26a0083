using System.Diagnostics.Metrics;

namespace OpenDaemon.Runtime.Collection;

// Overview
//
// The one MeterListener of a reporter, and who calls it on which thread:
// - InstrumentPublished: on the thread that creates an instrument (and, for instruments that exist already, on
//   the thread that starts the listener). Wanted instruments get an InstrumentSeries, added to the store and
//   passed back to every measurement as the listener's per-instrument state.
// - Measurement callbacks: on whichever thread records, any number at once. They only update numbers in memory
//   (InstrumentSeries.Record): no I/O, no lock but a histogram's few-instruction one, nothing that can throw.
// - Observable instruments' callbacks (the app's code, and the runtime's for System.Runtime): only inside
//   RecordObservables, which the report loop calls, one report at a time, just before it writes a report.
// - MeasurementsCompleted: on the thread that disposes a meter, or this listener. The instrument leaves the store
//   and gives its series back to the budget.

/// <summary>Listens to the app's meters and keeps their series in a <see cref="SeriesStore"/>; see the overview in the source.</summary>
internal sealed class InstrumentListener : IDisposable
{
    private readonly MeterListener _listener;

    /// <summary>Starts listening to <paramref name="meters"/> (by exact name), or to every meter when null.</summary>
    public InstrumentListener(IReadOnlyCollection<string>? meters)
    {
        var wanted = meters is null ? null : new HashSet<string>(meters, StringComparer.Ordinal);
        var store = new SeriesStore();
        Store = store;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if ((wanted is null || wanted.Contains(instrument.Meter.Name)) && InstrumentSeries.TryCreate(instrument, store) is { } series)
                {
                    store.Add(series);
                    listener.EnableMeasurementEvents(instrument, series);
                }
            },
            MeasurementsCompleted = (_, state) =>
            {
                if (state is InstrumentSeries series)
                {
                    store.Remove(series);
                }
            },
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => Record(state, (double)value, tags));
        _listener.Start();
    }

    public SeriesStore Store { get; }

    /// <summary>Runs the observable instruments' callbacks, so that their series hold the values of now.</summary>
    public void RecordObservables()
    {
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // An app's callback threw (the listener gathers them into one AggregateException after calling every
            // other callback): that instrument misses this report, and the app never sees an error it did not cause here.
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        ((InstrumentSeries)state!).Record(value, tags);
}
