using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// What taking a run's output back from a process of a previous daemon needs (Linux): a copy of one of
/// that process's descriptors (pidfd_getfd, 5.6) and the inode of a descriptor, to check it is the very
/// socket the previous daemon recorded.
/// </content>
internal static partial class LibC
{
    /// <summary>pidfd_getfd(2): a close-on-exec copy of <paramref name="targetFd"/> of the process behind <paramref name="pidfd"/>, or -errno.</summary>
    internal static int PidfdGetFd(int pidfd, int targetFd)
    {
        const long SysPidfdGetFd = 438; // the same number on x86_64 and arm64 (the unified syscall table)
        long fd = SyscallGetFd(SysPidfdGetFd, pidfd, targetFd, 0);
        return fd >= 0 ? (int)fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>The inode number of the file behind <paramref name="fd"/> (statx with AT_EMPTY_PATH); -1 when it fails.</summary>
    internal static long InodeOf(int fd)
    {
        const int EmptyPath = 0x1000, StatxInode = 0x100, InodeOffset = 32;
        Span<byte> statx = stackalloc byte[256];
        byte empty = 0;
        return StatxCore(fd, ref empty, EmptyPath, StatxInode, ref MemoryMarshal.GetReference(statx)) == 0
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(statx[InodeOffset..])
            : -1;
    }

    // syscall(2) is variadic; see Syscall in LibC.Spawn.cs for why a fixed signature is right on Linux.
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long SyscallGetFd(long number, int pidfd, int targetFd, uint flags);
}
