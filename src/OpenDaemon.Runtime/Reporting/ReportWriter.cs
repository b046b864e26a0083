using System.Buffers;
using System.Text.Json;
using OpenDaemon.Runtime.Collection;

namespace OpenDaemon.Runtime.Reporting;

/// <summary>
/// Writes one report line, <c>{"metrics":[...]}\n</c>, from the store: each series is written on its own first and
/// added only while the line stays within <see cref="WireLimits.MaxLineBytes"/> and <see cref="WireLimits.MaxSeries"/>,
/// so a report is always one the daemon accepts. Series without a finite value (and counters gone negative) are
/// left out. Not thread-safe: the report loop calls it one report at a time, and its buffers are reused.
/// </summary>
internal sealed class ReportWriter(SeriesStore store)
{
    private readonly ArrayBufferWriter<byte> _line = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _one = new(1024);
    private readonly long[] _cumulative = new long[WireLimits.MaxBuckets];
    private Utf8JsonWriter? _json;

    private static ReadOnlySpan<byte> Head => "{\"metrics\":["u8;

    private static ReadOnlySpan<byte> Tail => "]}\n"u8;

    /// <summary>The line, newline included; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write()
    {
        _line.ResetWrittenCount();
        _line.Write(Head);
        WriteSeries();
        _line.Write(Tail);
        return _line.WrittenMemory;
    }

    private void WriteSeries()
    {
        var written = 0;
        foreach (var instrument in store.Instruments)
        {
            foreach (var (labels, series) in instrument.Series)
            {
                if (written == WireLimits.MaxSeries)
                {
                    return;
                }

                if (!TryWriteOne(instrument, labels, series))
                {
                    continue;
                }

                var separator = written > 0 ? 1 : 0;
                if (_line.WrittenCount + separator + _one.WrittenCount + Tail.Length > WireLimits.MaxLineBytes)
                {
                    return; // stop rather than send a line the daemon would refuse
                }

                if (separator > 0)
                {
                    _line.Write(","u8);
                }

                _line.Write(_one.WrittenSpan);
                written++;
            }
        }
    }

    /// <summary>Writes one series into <see cref="_one"/>; false when it has nothing sendable.</summary>
    private bool TryWriteOne(InstrumentSeries instrument, LabelSet labels, Series series)
    {
        _one.ResetWrittenCount();
        var json = _json ??= new Utf8JsonWriter(_one);
        json.Reset(_one);

        switch (series)
        {
            case ScalarSeries scalar when double.IsFinite(scalar.Value) && (instrument.Kind != SeriesKind.Counter || scalar.Value >= 0):
                Begin(json, instrument, labels);
                json.WriteNumber("value"u8, scalar.Value);
                break;
            case HistogramSeries histogram:
                var bounds = histogram.Bounds;
                var (sum, count) = histogram.Read(_cumulative);
                if (!double.IsFinite(sum))
                {
                    return false;
                }

                Begin(json, instrument, labels);
                json.WriteNumber("value"u8, 0);
                json.WriteStartArray("buckets"u8);
                for (var i = 0; i < bounds.Count; i++)
                {
                    json.WriteStartObject();
                    json.WriteNumber("le"u8, bounds[i]);
                    json.WriteNumber("count"u8, _cumulative[i]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("sum"u8, sum);
                json.WriteNumber("count"u8, count);
                break;
            default:
                return false;
        }

        json.WriteEndObject();
        json.Flush();
        return true;
    }

    private static void Begin(Utf8JsonWriter json, InstrumentSeries instrument, LabelSet labels)
    {
        json.WriteStartObject();
        json.WriteString("name"u8, instrument.Name);
        json.WriteString("type"u8, instrument.Kind switch
        {
            SeriesKind.Counter => "counter"u8,
            SeriesKind.Gauge => "gauge"u8,
            _ => "histogram"u8,
        });
        if (instrument.Help is { } help)
        {
            json.WriteString("help"u8, help);
        }

        if (labels.Pairs.Length > 0)
        {
            json.WriteStartObject("labels"u8);
            string? previous = null;
            foreach (var (key, value) in labels.Pairs)
            {
                if (!string.Equals(key, previous, StringComparison.Ordinal)) // a key tagged twice: the daemon reads an object, keep one
                {
                    json.WriteString(key, value);
                    previous = key;
                }
            }

            json.WriteEndObject();
        }
    }
}
