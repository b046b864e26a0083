using System.Collections.Concurrent;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Sockets;

/// <summary>
/// A kernel pipe that <see cref="SocketRelay"/> splices through: bytes go from one socket into it and from it into
/// the other socket without entering user space. Empty pipes are pooled, since a relay needs one only while a
/// chunk is on its way and most connections are idle most of the time.
/// </summary>
/// <remarks>
/// Concurrency: a pipe is used by one relay direction at a time, between <see cref="Rent"/> and
/// <see cref="Return"/>; the pool is a ConcurrentBag with an approximate (Interlocked) count.
/// </remarks>
internal sealed class SplicePipe : IDisposable
{
    private const int MostIdle = 64;
    private static readonly ConcurrentBag<SplicePipe> Idle = [];
    private static int _idleCount;

    private SplicePipe(int readFd, int writeFd) => (ReadFd, WriteFd) = (readFd, writeFd);

    public int ReadFd { get; }

    public int WriteFd { get; }

    /// <summary>An empty pipe, pooled or new; null when none can be made (descriptors exhausted).</summary>
    public static SplicePipe? Rent()
    {
        if (Idle.TryTake(out var pipe))
        {
            Interlocked.Decrement(ref _idleCount);
            return pipe;
        }

        return LibC.CreateNonBlockingPipe(out int readFd, out int writeFd) == 0 ? new SplicePipe(readFd, writeFd) : null;
    }

    /// <summary>Gives back a pipe that is empty again; closes it when the pool is full.</summary>
    public void Return()
    {
        if (Interlocked.Increment(ref _idleCount) > MostIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            Dispose();
            return;
        }

        Idle.Add(this);
    }

    /// <summary>Closes a pipe that may still hold bytes (the relay failed), or one the pool has no room for.</summary>
    public void Dispose()
    {
        LibC.Close(ReadFd);
        LibC.Close(WriteFd);
    }
}
