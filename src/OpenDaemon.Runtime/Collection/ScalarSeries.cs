namespace OpenDaemon.Runtime.Collection;

/// <summary>
/// A counter's or gauge's one number. Accumulating series (Counter, UpDownCounter) add every measurement with a
/// compare-and-swap loop, so concurrent adds are never lost; the others (observable instruments, Gauge) keep the
/// last value.
/// </summary>
internal sealed class ScalarSeries(bool accumulates) : Series
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public override void Record(double value)
    {
        if (!accumulates)
        {
            Volatile.Write(ref _value, value);
            return;
        }

        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + value, current);
            // Compared as bits: the exchange did happen when the value seen is the one expected, whatever its value.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}
