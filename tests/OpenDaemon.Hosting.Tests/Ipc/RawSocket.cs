using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>Speaks the frame format by hand, to send what a well-behaved client never would.</summary>
internal static class RawSocket
{
    public static async Task<Socket> ConnectAsync(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).WaitAsync(TestTimeouts.Await);
        return socket;
    }

    public static byte[] Frame(byte type, ReadOnlySpan<byte> payload, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static byte[] Frame(FrameType type, string json) => Frame((byte)type, Encoding.UTF8.GetBytes(json));

    public static async Task SendAsync(Socket socket, byte[] bytes) =>
        await socket.SendAsync(bytes.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TestTimeouts.Await);

    /// <summary>Reads one frame; <see langword="null"/> when the peer closed cleanly between frames.</summary>
    public static async Task<RawFrame?> ReadFrameAsync(Socket socket)
    {
        var header = new byte[5];
        if (!await ReadExactlyAsync(socket, header))
        {
            return null;
        }

        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        if (!await ReadExactlyAsync(socket, payload))
        {
            throw new EndOfStreamException("the peer closed in the middle of a frame");
        }

        return new RawFrame((FrameType)header[0], payload);
    }

    /// <summary>Reads frames until the server closes the connection (EOF or reset); returns what arrived before.</summary>
    public static async Task<List<RawFrame>> ReadUntilClosedAsync(Socket socket)
    {
        var frames = new List<RawFrame>();
        try
        {
            while (await ReadFrameAsync(socket) is { } frame)
            {
                frames.Add(frame);
            }
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closing a Unix socket with unread data resets the peer instead of a clean EOF: closed all the same.
        }

        return frames;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None).AsTask().WaitAsync(TestTimeouts.Await);
            if (n == 0)
            {
                return read == 0 ? false : throw new EndOfStreamException("the peer closed in the middle of a frame");
            }

            read += n;
        }

        return true;
    }
}
