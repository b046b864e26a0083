using System.Buffers;
using System.Buffers.Binary;

namespace OpenDaemon.Ipc;

/// <summary>The frame layout of spec §5.2: 1 byte type, 4 byte big-endian payload length, payload.</summary>
internal static class FrameCodec
{
    public const int HeaderSize = 5;

    /// <summary>10 MB, the spec's default message limit.</summary>
    public const int DefaultMaxFrameSize = 10 * 1024 * 1024;

    public const byte HeartbeatPing = 0;
    public const byte HeartbeatPong = 1;

    public static bool IsKnownType(byte type) =>
        type >= (byte)FrameType.Request && type <= (byte)FrameType.AuthResponse;

    public static void WriteHeader(Span<byte> destination, FrameType type, int payloadLength)
    {
        destination[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)payloadLength);
    }

    /// <summary>
    /// Slices the next complete frame off <paramref name="buffer"/>. The header is validated as soon as its
    /// 5 bytes arrived, so an unknown type or an oversized length is rejected before any payload is buffered.
    /// </summary>
    /// <returns><see langword="false"/> when more bytes are needed.</returns>
    /// <exception cref="ProtocolException">The header is invalid; the connection must be closed.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out FrameType type, out ReadOnlySequence<byte> payload)
    {
        type = default;
        payload = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (!IsKnownType(header[0]))
        {
            throw new ProtocolException($"unknown frame type 0x{header[0]:X2}");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxFrameSize)
        {
            throw new ProtocolException($"frame of {length} bytes exceeds the limit of {maxFrameSize} bytes");
        }

        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }

        type = (FrameType)header[0];
        payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
