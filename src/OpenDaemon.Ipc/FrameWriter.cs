using System.IO.Pipelines;
using System.Net.Sockets;

namespace OpenDaemon.Ipc;

// Overview: every frame of a connection goes through one FrameWriter, which serializes writers with a
// SemaphoreSlim so frames never interleave (handlers answer concurrently). Callers serialize their
// payload before taking the lock, so the lock is held only for the copy into the pipe and the flush
// (one send per frame: see WriteAsync).
// A caller's token may cancel the wait for the lock, which is harmless; if it cancels the flush itself,
// part of a frame may already be on the wire, so the writer closes for good and reports the connection
// broken through onBroken: the owner must then drop the connection.
internal sealed class FrameWriter
{
    private readonly PipeWriter _output;
    private readonly CancellationToken _lifetime;
    private readonly Action<Exception> _onBroken;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _closed;

    public FrameWriter(PipeWriter output, CancellationToken lifetime, Action<Exception> onBroken)
    {
        _output = output;
        _lifetime = lifetime;
        _onBroken = onBroken;
    }

    /// <exception cref="ProtocolException">The connection is closed or broke during the write.</exception>
    public async ValueTask WriteAsync(FrameType type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw new ProtocolException("connection closed");
            }

            // Header and payload in one contiguous pipe buffer, so the frame leaves in one send and the
            // peer wakes once: written apart (the header buffered, then the payload), they were two
            // sends, and the peer's read loop woke first for the 5-byte header alone.
            var frameLength = FrameCodec.HeaderSize + payload.Length;
            var frame = _output.GetSpan(frameLength);
            FrameCodec.WriteHeader(frame, type, payload.Length);
            payload.Span.CopyTo(frame[FrameCodec.HeaderSize..]);
            _output.Advance(frameLength);
            FlushResult result;
            if (cancellationToken.CanBeCanceled && cancellationToken != _lifetime)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime);
                result = await _output.FlushAsync(linked.Token).ConfigureAwait(false);
            }
            else
            {
                result = await _output.FlushAsync(_lifetime).ConfigureAwait(false);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                throw new IOException("the connection stopped accepting data");
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _closed = true;
            _onBroken(error);
            if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            // EPIPE/ECONNRESET: the peer went away. A local cancel or dispose is not the peer's doing.
            throw new ProtocolException("connection closed", error, connectionLost: error is IOException or SocketException);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Refuses further frames and returns the pipe's buffers. Call once no writer is expected any more.</summary>
    public async ValueTask CompleteAsync()
    {
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _closed = true;
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            // The socket is already gone; the buffers are returned regardless.
        }
        finally
        {
            _lock.Release();
        }
    }
}
