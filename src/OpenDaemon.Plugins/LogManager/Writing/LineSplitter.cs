using System.Buffers;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Cuts a byte stream into lines: fed chunk by chunk, it yields each complete line without its
/// <c>\n</c> (and without a <c>\r</c> just before it), keeps an unfinished line for the next chunk,
/// and cuts a line longer than <see cref="MaxLineLength"/> into pieces of that size, so no byte is
/// ever lost and no app can make the daemon buffer without bound.
/// </summary>
/// <remarks>
/// Lines are spans into the chunk itself; only a line that spans chunks is assembled, in a pooled
/// buffer that goes back to the pool as soon as that line was handed out. A yielded span is valid
/// until the next <see cref="Enumerator.MoveNext"/>; an enumeration must run to its end, or the rest
/// of the chunk is lost. Not thread-safe: one splitter per stream.
/// </remarks>
internal sealed class LineSplitter : IDisposable
{
    public const int MaxLineLength = 1 << 20;

    private byte[]? _pending;
    private int _pendingLength;
    private bool _pendingHandedOut;

    /// <summary>The lines completed by <paramref name="chunk"/>, in order.</summary>
    public Enumerator Split(ReadOnlySpan<byte> chunk) => new(this, chunk);

    /// <summary>At end of stream: the last line when it had no newline.</summary>
    public bool TryComplete(out ReadOnlySpan<byte> line)
    {
        ReleaseHandedOut();
        if (_pendingLength == 0)
        {
            line = default;
            return false;
        }

        line = _pending.AsSpan(0, _pendingLength);
        _pendingHandedOut = true;
        return true;
    }

    public void Dispose()
    {
        _pendingLength = 0;
        _pendingHandedOut = true;
        ReleaseHandedOut();
    }

    private void ReleaseHandedOut()
    {
        if (!_pendingHandedOut)
        {
            return;
        }

        _pendingHandedOut = false;
        _pendingLength = 0;
        if (_pending is not null)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = null;
        }
    }

    private void AppendPending(ReadOnlySpan<byte> bytes)
    {
        var needed = _pendingLength + bytes.Length;
        if (_pending is null || _pending.Length < needed)
        {
            var next = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(MaxLineLength, Math.Max(4096, (_pending?.Length ?? 0) * 2))));
            if (_pending is not null)
            {
                _pending.AsSpan(0, _pendingLength).CopyTo(next);
                ArrayPool<byte>.Shared.Return(_pending);
            }

            _pending = next;
        }

        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength = needed;
    }

    private static ReadOnlySpan<byte> WithoutCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Yields the lines of one chunk; see <see cref="Split"/>.</summary>
    internal ref struct Enumerator
    {
        private readonly LineSplitter _owner;
        private ReadOnlySpan<byte> _rest;

        internal Enumerator(LineSplitter owner, ReadOnlySpan<byte> chunk)
        {
            _owner = owner;
            _rest = chunk;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var owner = _owner;
            owner.ReleaseHandedOut();
            if (_rest.IsEmpty)
            {
                return false;
            }

            // Look one byte past the room left, so a line of exactly MaxLineLength still finds its newline.
            var room = MaxLineLength - owner._pendingLength;
            var window = _rest[..Math.Min(_rest.Length, room + 1)];
            var newline = window.IndexOf((byte)'\n');
            ReadOnlySpan<byte> taken;
            if (newline >= 0)
            {
                taken = window[..newline];
                _rest = _rest[(newline + 1)..];
            }
            else if (_rest.Length > room)
            {
                // Too long: hand out a full piece now; the line goes on in the next one.
                taken = _rest[..room];
                _rest = _rest[room..];
            }
            else
            {
                owner.AppendPending(_rest);
                _rest = default;
                return false;
            }

            var isLineEnd = newline >= 0;
            if (owner._pendingLength == 0)
            {
                Current = isLineEnd ? WithoutCarriageReturn(taken) : taken;
                return true;
            }

            owner.AppendPending(taken);
            owner._pendingHandedOut = true;
            var assembled = owner._pending.AsSpan(0, owner._pendingLength);
            Current = isLineEnd ? WithoutCarriageReturn(assembled) : assembled;
            return true;
        }
    }
}
