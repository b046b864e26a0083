using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OpenDaemon.Ipc;

/// <summary>
/// The token challenge, answered on the bare socket before the client's read loop starts. A daemon
/// challenges every peer of another uid (and only those) with {"method":"token"} or {"method":"none"}, so a
/// client that sees a daemon of another uid waits for that frame before it sends anything else.
/// </summary>
internal static class AuthHandshake
{
    private const int MaxHandshakeFrame = 64 * 1024;

    /// <summary>Answers the challenge of a daemon of another uid, or throws why the connection cannot go on.</summary>
    public static async Task AnswerChallengeAsync(Socket socket, string socketPath, Func<string?>? tokenSource, CancellationToken cancellationToken)
    {
        var (type, payload) = await ReadHandshakeFrameAsync(socket, cancellationToken).ConfigureAwait(false);
        if (type == FrameType.Response)
        {
            throw new ConnectionRefusedException(socketPath, $"the daemon refused the connection: {ErrorMessage(payload)}");
        }

        if (type != FrameType.AuthChallenge)
        {
            throw new ProtocolException($"the daemon of another user sent a {type} frame instead of its auth challenge");
        }

        using (var challenge = JsonDocument.Parse(payload))
        {
            if (challenge.RootElement.TryGetProperty("method", out var method) && method.ValueEquals("none"u8))
            {
                return;
            }
        }

        var token = Environment.GetEnvironmentVariable(IpcClient.TokenVariable) is { Length: > 0 } variable ? variable : tokenSource?.Invoke();
        if (string.IsNullOrEmpty(token))
        {
            throw new DaemonAuthenticationException(socketPath, $"the daemon at {socketPath} requires a token: set {IpcClient.TokenVariable} to the token its owner prints with 'od api token'", tokenMissing: true);
        }

        var answer = Encoding.UTF8.GetBytes($"{{\"token\":\"{JsonEncodedText.Encode(token)}\"}}");
        var frame = new byte[FrameCodec.HeaderSize + answer.Length];
        FrameCodec.WriteHeader(frame, FrameType.AuthResponse, answer.Length);
        answer.CopyTo(frame, FrameCodec.HeaderSize);
        await socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        (type, payload) = await ReadHandshakeFrameAsync(socket, cancellationToken).ConfigureAwait(false);
        using var verdict = JsonDocument.Parse(payload);
        if (type != FrameType.Response || verdict.RootElement.TryGetProperty("error", out _))
        {
            throw new DaemonAuthenticationException(socketPath, ErrorMessage(payload), tokenMissing: false);
        }
    }

    private static string ErrorMessage(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.GetProperty("error").GetProperty("message").GetString() ?? "no reason given";
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "no reason given";
        }
    }

    private static async Task<(FrameType Type, byte[] Payload)> ReadHandshakeFrameAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = new byte[FrameCodec.HeaderSize];
        await ReceiveExactlyAsync(socket, header, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (!FrameCodec.IsKnownType(header[0]) || length > MaxHandshakeFrame)
        {
            throw new ProtocolException($"the daemon's handshake frame is invalid (type 0x{header[0]:X2}, {length} bytes)");
        }

        var payload = new byte[length];
        await ReceiveExactlyAsync(socket, payload, cancellationToken).ConfigureAwait(false);
        return ((FrameType)header[0], payload);
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new ProtocolException("the daemon closed the connection during the auth handshake");
            }

            read += n;
        }
    }
}
