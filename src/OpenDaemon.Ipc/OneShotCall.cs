using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text.Json;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Ipc;

/// <summary>
/// One JSON-RPC request on a fresh, blocking connection, for the <c>od</c> front door: no threads, pipelines or
/// timers, so a process that makes one call starts as little as it can. It answers only the plain case (a daemon
/// of this user answers with a result) and says <see langword="null"/> for everything else — nothing listening,
/// another uid at the socket, a token challenge, an error answer, a timeout — which the caller leaves to the full
/// client, whose messages and hints cover them. Nothing is sent to a listener of another uid (as
/// <see cref="IpcClient"/> does: requests may carry secrets).
/// </summary>
public static class OneShotCall
{
    private const int RequestId = 1;

    /// <summary>
    /// Sends <paramref name="method"/> (no parameters) and returns the raw JSON of the answer's <c>result</c>, exactly
    /// as the daemon sent it; null when the call was not answered plainly. <paramref name="nothingListening"/> says
    /// that no daemon runs: no socket file at the path, or one nobody listens on (connection refused).
    /// </summary>
    public static byte[]? TryInvoke(string socketPath, string method, TimeSpan timeout, out bool nothingListening)
    {
        nothingListening = false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            try
            {
                socket.Connect(SocketEndPoints.For(socketPath));
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
            {
                // AddressNotAvailable is how .NET reports ENOENT (as IpcClient.ConnectAsync says).
                nothingListening = true;
                return null;
            }

            if (PlatformInfo.IsUnix && PeerCredentials.PeerUid(socket) is { } peer && peer != PeerCredentials.ExpectedUid())
            {
                return null;
            }

            socket.Send(RequestFrame(method));
            return ReadResult(socket);
        }
        catch (Exception error) when (error is SocketException or IOException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static byte[] RequestFrame(string method)
    {
        var writer = new ArrayBufferWriter<byte>(128);
        JsonRpcWriter.WriteRequest(writer, RequestId, method, null);
        var body = writer.WrittenSpan;
        var frame = new byte[FrameCodec.HeaderSize + body.Length];
        FrameCodec.WriteHeader(frame, FrameType.Request, body.Length);
        body.CopyTo(frame.AsSpan(FrameCodec.HeaderSize));
        return frame;
    }

    // Skips heartbeats and notifications; anything else than a response (a challenge) is not the plain case.
    private static byte[]? ReadResult(Socket socket)
    {
        Span<byte> header = stackalloc byte[FrameCodec.HeaderSize];
        while (true)
        {
            if (!ReceiveExactly(socket, header))
            {
                return null;
            }

            var type = (FrameType)header[0];
            var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
            if (!FrameCodec.IsKnownType(header[0]) || length > FrameCodec.DefaultMaxFrameSize)
            {
                return null;
            }

            var payload = new byte[length];
            if (!ReceiveExactly(socket, payload))
            {
                return null;
            }

            switch (type)
            {
                case FrameType.Response:
                    return ResultOf(payload);
                case FrameType.Heartbeat or FrameType.Notification:
                    continue;
                default:
                    return null;
            }
        }
    }

    // The bytes of the top-level "result" value of the answer to our request; null for an error answer.
    private static byte[]? ResultOf(byte[] payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        byte[]? result = null;
        var answersUs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResult = reader.ValueTextEquals("result"u8);
            var isId = reader.ValueTextEquals("id"u8);
            if (!reader.Read())
            {
                return null;
            }

            var start = (int)reader.TokenStartIndex;
            if (isId)
            {
                answersUs = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id) && id == RequestId;
            }

            if (!reader.TrySkip())
            {
                return null;
            }

            if (isResult)
            {
                result = payload[start..(int)reader.BytesConsumed];
            }
        }

        return answersUs ? result : null;
    }

    private static bool ReceiveExactly(Socket socket, Span<byte> buffer)
    {
        var received = 0;
        while (received < buffer.Length)
        {
            var read = socket.Receive(buffer[received..]);
            if (read == 0)
            {
                return false;
            }

            received += read;
        }

        return true;
    }
}
