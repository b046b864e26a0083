using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// What the zero-copy relay needs (Linux only): a non-blocking pipe, splice(2) between a descriptor and
/// the pipe, and reading what a pipe holds when the socket it was meant for would block.
/// </content>
internal static partial class LibC
{
    private const int NonBlockingFlag = 0x800;   // O_NONBLOCK (Linux)
    private const uint SpliceMove = 1;           // SPLICE_F_MOVE: move pages rather than copy them, when the kernel can
    private const uint SpliceNonBlocking = 2;    // SPLICE_F_NONBLOCK: the pipe side never blocks

    /// <summary>pipe2(2) with O_NONBLOCK | O_CLOEXEC; 0 or the errno.</summary>
    internal static int CreateNonBlockingPipe(out int readFd, out int writeFd)
    {
        Span<int> fds = stackalloc int[2];
        if (Pipe2Core(ref fds[0], NonBlockingFlag | CloseOnExec) != 0)
        {
            readFd = writeFd = -1;
            return Marshal.GetLastPInvokeError();
        }

        (readFd, writeFd) = (fds[0], fds[1]);
        return 0;
    }

    /// <summary>
    /// splice(2) of up to <paramref name="length"/> bytes from <paramref name="fromFd"/> to <paramref name="toFd"/>,
    /// one of which is a pipe, without blocking on the pipe; the bytes moved (0 at the end of the input) or -errno.
    /// A socket must itself be non-blocking for its side not to block.
    /// </summary>
    internal static nint Splice(int fromFd, int toFd, nint length)
    {
        nint moved = SpliceCore(fromFd, 0, toFd, 0, length, SpliceMove | SpliceNonBlocking);
        return moved >= 0 ? moved : -Marshal.GetLastPInvokeError();
    }

    /// <summary>read(2) into <paramref name="buffer"/>; the bytes read or -errno.</summary>
    internal static nint Read(int fd, Span<byte> buffer)
    {
        nint read = ReadRawCore(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
        return read >= 0 ? read : -Marshal.GetLastPInvokeError();
    }

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2Core(ref int fds, int flags);

    [LibraryImport(Library, EntryPoint = "splice", SetLastError = true)]
    private static partial nint SpliceCore(int fromFd, nint fromOffset, int toFd, nint toOffset, nint length, uint flags);
}
