using System.Buffers;

namespace OpenDaemon.Ipc;

/// <summary>
/// A frame's payload copied out of the read loop's pipe into an array rented from the shared pool, so the
/// read loop can move on while the caller reads it. Whoever holds it disposes it, once.
/// </summary>
internal readonly struct PooledPayload : IDisposable
{
    private readonly byte[] _array;
    private readonly int _length;

    private PooledPayload(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    public ReadOnlySequence<byte> Sequence => new(_array, 0, _length);

    public static PooledPayload CopyOf(in ReadOnlySequence<byte> payload)
    {
        var length = checked((int)payload.Length);
        var array = ArrayPool<byte>.Shared.Rent(length);
        payload.CopyTo(array);
        return new PooledPayload(array, length);
    }

    public void Dispose()
    {
        if (_array is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
