using System.Net.Sockets;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// Sorts the errors of a spawn attempt into the ones that say something about the app (script not found,
/// not executable, bad config: retrying cannot help, so the instance is errored at once with the message)
/// and the ones that say the machine is short of something for a while (file descriptors, memory,
/// processes): those are retried with the app's restart backoff, like a crash, until the fault clears.
/// </summary>
internal static class SpawnFailure
{
    private const int TryAgain = 11;           // EAGAIN: RLIMIT_NPROC, or fork's memory
    private const int OutOfMemory = 12;        // ENOMEM
    private const int SystemFileLimit = 23;    // ENFILE
    private const int ProcessFileLimit = 24;   // EMFILE
    private const int NoBufferSpace = 105;     // ENOBUFS: socketpair under memory pressure

    /// <summary>True when <paramref name="error"/> is a shortage of a system resource that should pass.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        SpawnException spawn => IsTransientErrno(spawn.Errno),
        SocketException socket => socket.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable
            || IsTransientErrno(socket.NativeErrorCode),
        // On Unix an IOException raised for an errno carries it as its HResult.
        IOException io => IsTransientErrno(io.HResult),
        OutOfMemoryException => true,
        _ => false,
    };

    private static bool IsTransientErrno(int errno) =>
        errno is TryAgain or OutOfMemory or SystemFileLimit or ProcessFileLimit or NoBufferSpace;
}
