using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Sockets;

/// <summary>
/// An L4 relay between two connected sockets: the bytes of each direction are passed on until its end, which is
/// passed on as a half-close; an error on either side closes both. On Linux the bytes go socket → pipe → socket
/// with splice(2) and never enter user space (zero-copy, as HAProxy's splice mode). When the receiving socket
/// has no room, what the pipe holds is read out and sent the ordinary way, which waits for room: .NET sockets
/// can wait until a socket is readable (a zero-byte receive) but not until it is writable, so back-pressure is
/// the one case that copies. Without splice (another OS, or a socket type it refuses) each chunk is copied.
/// </summary>
/// <remarks>
/// Concurrency: one loop per direction, each strictly sequential (wait until readable, move one chunk, again);
/// the two meet only in disposing both sockets. A raw descriptor is used only under a SafeHandle reference
/// (DangerousAddRef), so the other direction's dispose can never close it, and a number reused for another
/// file, under a splice in progress. Each direction waits with a zero-byte receive and only then takes a pipe
/// or a buffer, so an idle keep-alive connection holds neither.
/// </remarks>
public static class SocketRelay
{
    private const int ChunkSize = 64 * 1024; // a pipe's default capacity
    private const int CopyBufferSize = 16 * 1024;
    private const int InvalidArgument = 22, NotSupported = 95; // EINVAL, EOPNOTSUPP: splice refuses this pair

    private enum Step
    {
        Moved,
        Ended,
        SpliceRefused,
    }

    /// <summary>Relays both ways until both directions have ended, then disposes both sockets.</summary>
    public static async Task RunAsync(Socket client, Socket upstream)
    {
        try
        {
            // splice needs non-blocking sockets (it never waits itself); the async calls work either way.
            client.Blocking = false;
            upstream.Blocking = false;
            await Task.WhenAll(RelayOneWayAsync(client, upstream), RelayOneWayAsync(upstream, client)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // the connection ended before the relay began
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }

    private static async Task RelayOneWayAsync(Socket from, Socket to)
    {
        var splice = OperatingSystem.IsLinux();
        try
        {
            while (true)
            {
                await from.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                var step = splice ? await SpliceChunkAsync(from, to).ConfigureAwait(false) : Step.SpliceRefused;
                if (step == Step.SpliceRefused)
                {
                    splice = false;
                    step = await CopyChunkAsync(from, to).ConfigureAwait(false);
                }

                if (step == Step.Ended)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    // One chunk: from → pipe, then pipe → to (the rest by read + send when `to` is full).
    private static async Task<Step> SpliceChunkAsync(Socket from, Socket to)
    {
        if (SplicePipe.Rent() is not { } pipe)
        {
            return Step.SpliceRefused; // no descriptor for a pipe: this direction copies from now on
        }

        var empty = false;
        try
        {
            nint pending = Splice(from, pipe.WriteFd, toSocket: false);
            if (pending <= 0)
            {
                empty = true;
                return pending switch
                {
                    0 => Step.Ended,
                    _ when -pending == Errno.WouldBlock => Step.Moved, // woken with nothing to read after all
                    _ when -pending is InvalidArgument or NotSupported => Step.SpliceRefused,
                    _ => throw new SocketException((int)SocketError.ConnectionReset),
                };
            }

            while (pending > 0)
            {
                nint sent = Splice(to, pipe.ReadFd, toSocket: true);
                if (sent > 0)
                {
                    pending -= sent;
                }
                else if (-sent == Errno.WouldBlock)
                {
                    pending -= await SendWhatThePipeHoldsAsync(pipe, (int)pending, to).ConfigureAwait(false);
                }
                else
                {
                    throw new SocketException((int)SocketError.ConnectionReset);
                }
            }

            empty = true;
            return Step.Moved;
        }
        finally
        {
            if (empty)
            {
                pipe.Return();
            }
            else
            {
                pipe.Dispose();
            }
        }
    }

    private static async Task<int> SendWhatThePipeHoldsAsync(SplicePipe pipe, int pending, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(pending);
        try
        {
            nint read = LibC.Read(pipe.ReadFd, buffer.AsSpan(0, pending));
            if (read <= 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset); // a pipe that holds bytes always gives them
            }

            await to.SendAsync(buffer.AsMemory(0, (int)read), SocketFlags.None).ConfigureAwait(false);
            return (int)read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<Step> CopyChunkAsync(Socket from, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                return Step.Ended;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            return Step.Moved;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // splice between the socket and a pipe end, holding a reference on the socket's handle for the call.
    private static nint Splice(Socket socket, int pipeFd, bool toSocket)
    {
        SafeHandle handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var socketFd = (int)handle.DangerousGetHandle();
            return toSocket ? LibC.Splice(pipeFd, socketFd, ChunkSize) : LibC.Splice(socketFd, pipeFd, ChunkSize);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
