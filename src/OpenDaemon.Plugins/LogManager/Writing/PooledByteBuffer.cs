using System.Buffers;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// A growable byte buffer over <see cref="ArrayPool{T}.Shared"/>. Its owners give the array back
/// (<see cref="Release"/>) whenever they go idle, so a thousand quiet apps hold no buffers.
/// </summary>
internal sealed class PooledByteBuffer(int initialCapacity = 256) : IBufferWriter<byte>
{
    private byte[] _array = [];
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _written);
        _written += count;
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(_written);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(_written);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_array.AsSpan(_written));
        _written += bytes.Length;
    }

    /// <summary>Forgets the content, keeps the array.</summary>
    public void Clear() => _written = 0;

    /// <summary>Forgets the content and gives the array back to the pool.</summary>
    public void Release()
    {
        _written = 0;
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - _written >= needed)
        {
            return;
        }

        var size = Math.Max(Math.Max(initialCapacity, _written + needed), _array.Length * 2);
        var next = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _written).CopyTo(next);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = next;
    }
}
