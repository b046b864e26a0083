using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace OpenDaemon.Ipc;

/// <summary>The client's read loop: completes pending requests, raises events, answers pings.</summary>
public sealed partial class IpcClient
{
    private static readonly ReadOnlyMemory<byte> PongPayload = new[] { FrameCodec.HeartbeatPong };

    private async Task ReadLoopAsync()
    {
        // Yield first so the constructor returns before the loop touches the socket.
        await Task.Yield();
        string reason;
        Exception? cause = null;
        var lost = true;
        try
        {
            await ReadFramesAsync(_closing.Token).ConfigureAwait(false);
            reason = "the daemon closed the connection";
        }
        catch (ProtocolException error)
        {
            reason = error.Details;
            cause = error;
            lost = error.ConnectionLost;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Whoever cancelled recorded its own reason first; this one only stands if none did.
            reason = "the connection was closed";
            lost = false;
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            reason = $"the connection to the daemon broke ({error.Message})";
            cause = error;
            lost = error is not ObjectDisposedException;
        }

        if (Volatile.Read(ref _lastServerError) is { } serverError)
        {
            // The server explains a protocol violation (or a refusal) in an id-less error response just
            // before closing: the daemon did not go away, it closed on purpose.
            reason = $"{reason}; the daemon said: {serverError}";
            lost = false;
        }

        Interlocked.CompareExchange(ref _closure, new Closure(reason, lost), null);
        await _closing.CancelAsync().ConfigureAwait(false);
        await _input.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        FailPending(Volatile.Read(ref _closure)!, cause);
    }

    private void FailPending(Closure closure, Exception? cause)
    {
        Interlocked.MemoryBarrier();
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetException(new ProtocolException(closure.Reason, cause, closure.ConnectionLost));
        }

        Interlocked.Exchange(ref _pong, null)?.TrySetException(new ProtocolException(closure.Reason, cause, closure.ConnectionLost));
    }

    private async Task ReadFramesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (FrameCodec.TryReadFrame(ref buffer, _maxFrameSize, out var type, out var payload))
                {
                    await OnFrameAsync(type, payload, cancellationToken).ConfigureAwait(false);
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new ProtocolException("the daemon closed the connection in the middle of a frame", null, connectionLost: true);
                    }

                    return;
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private async ValueTask OnFrameAsync(FrameType type, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case FrameType.Response:
                if (JsonRpcReader.TryReadResponseId(payload, out var id) && _pending.TryRemove(id, out var pending))
                {
                    // The caller parses the answer: the read loop only copies it out of the pipe.
                    var answer = PooledPayload.CopyOf(payload);
                    if (!pending.Completion.TrySetResult(answer))
                    {
                        answer.Dispose();
                    }
                }
                else if (JsonRpcReader.ReadResponse(payload).Error is { } error)
                {
                    // An id-less error, or the late answer to a call that already timed out.
                    Volatile.Write(ref _lastServerError, error.Message);
                }

                break;

            case FrameType.Notification:
                var notification = JsonRpcReader.ReadNotification(payload);
                Raise(NotificationReceived, notification);
                break;

            case FrameType.Binary:
                Raise(BinaryReceived, new ReadOnlyMemory<byte>(payload.ToArray()));
                break;

            case FrameType.Heartbeat:
                if (payload.Length != 1)
                {
                    throw new ProtocolException($"a heartbeat frame must carry 1 byte, not {payload.Length}");
                }

                if (payload.FirstSpan[0] == FrameCodec.HeartbeatPing)
                {
                    await _output.WriteAsync(FrameType.Heartbeat, PongPayload, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Interlocked.Exchange(ref _pong, null)?.TrySetResult();
                }

                break;

            default:
                // Requests and auth frames from the server are not used by this protocol version; ignore them
                // so a newer daemon does not break an older client.
                break;
        }
    }

    private static void Raise<T>(Action<T>? handlers, T value)
    {
        if (handlers is null)
        {
            return;
        }

        // Each subscriber is isolated: one that throws must not kill the connection or starve the others.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try
            {
                handler(value);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                Debug.WriteLine($"IpcClient: an event handler threw: {error}");
            }
        }
    }
}
