using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// posix_spawn and what it needs (Linux, glibc). glibc's posix_spawn uses clone(CLONE_VM|CLONE_VFORK):
/// nothing managed runs in the child, which is why it is safe inside the multi-threaded runtime where
/// fork is not, and it reports exec failures (ENOENT, EACCES, ENOEXEC) synchronously.
/// </content>
internal static partial class LibC
{
    // glibc's spawn.h flag values.
    internal const short SpawnSetSignalDefault = 0x04; // POSIX_SPAWN_SETSIGDEF
    internal const short SpawnSetSignalMask = 0x08;    // POSIX_SPAWN_SETSIGMASK
    internal const short SpawnSetSid = 0x80;           // POSIX_SPAWN_SETSID (glibc >= 2.26)

    // The opaque types are allocated by us and initialised by glibc. sizeof(posix_spawnattr_t) is 336
    // and sizeof(posix_spawn_file_actions_t) 80 on x86_64 and arm64; sigset_t is 128 bytes. Allocating
    // more than needed costs nothing and protects against a future libc growing them.
    internal const int SpawnAttributesSize = 512;
    internal const int SpawnFileActionsSize = 256;
    internal const int SignalSetSize = 128;

    internal const int SocketStreamCloseOnExec = 1 | 0x80000; // SOCK_STREAM | SOCK_CLOEXEC
    internal const int AddressFamilyUnix = 1;                  // AF_UNIX

    /// <summary>Returns 0 or the error number (posix_spawn does not set errno).</summary>
    [LibraryImport(Library, EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PosixSpawn(out int pid, string path, IntPtr fileActions, IntPtr attributes, IntPtr argv, IntPtr envp);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_init")]
    internal static partial int SpawnAttributesInit(IntPtr attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_destroy")]
    internal static partial int SpawnAttributesDestroy(IntPtr attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setflags")]
    internal static partial int SpawnAttributesSetFlags(IntPtr attributes, short flags);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static partial int SpawnAttributesSetSignalMask(IntPtr attributes, IntPtr signalSet);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static partial int SpawnAttributesSetSignalDefault(IntPtr attributes, IntPtr signalSet);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_init")]
    internal static partial int FileActionsInit(IntPtr fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static partial int FileActionsDestroy(IntPtr fileActions);

    /// <summary>glibc copies <paramref name="path"/>, so the marshalled string may be freed right after.</summary>
    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FileActionsAddOpen(IntPtr fileActions, int fd, string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static partial int FileActionsAddDup2(IntPtr fileActions, int fd, int newFd);

    /// <summary>
    /// Closes every descriptor from <paramref name="lowestFd"/> up in the child (glibc >= 2.34, close_range
    /// underneath). Returns 0 or the error number; on an older glibc it does nothing and returns 0, leaving
    /// close-on-exec as the only guard.
    /// </summary>
    internal static int FileActionsAddCloseFrom(IntPtr fileActions, int lowestFd)
    {
        try
        {
            return FileActionsAddCloseFromCore(fileActions, lowestFd);
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>glibc >= 2.29; the path is copied.</summary>
    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FileActionsAddChdir(IntPtr fileActions, string path);

    [LibraryImport(Library, EntryPoint = "sigemptyset")]
    internal static partial int SignalSetEmpty(IntPtr signalSet);

    /// <summary>glibc leaves out its two internal real-time signals (cancellation and setxid).</summary>
    [LibraryImport(Library, EntryPoint = "sigfillset")]
    internal static partial int SignalSetFill(IntPtr signalSet);

    /// <summary>socketpair(2); returns 0 or the errno.</summary>
    internal static int SocketPair(int domain, int type, out int first, out int second)
    {
        int result = SocketPairCore(domain, type, 0, out SocketPairFds fds);
        first = fds.First;
        second = fds.Second;
        return result == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>close(2). EINTR is not retried: on Linux the descriptor is released even then.</summary>
    [LibraryImport(Library, EntryPoint = "close")]
    internal static partial int Close(int fd);

    /// <summary>pidfd_open(2) (Linux 5.3); returns the descriptor (always close-on-exec) or -errno.</summary>
    internal static int PidfdOpen(int pid)
    {
        const long SysPidfdOpen = 434; // the same number on x86_64 and arm64 (the unified syscall table)
        long fd;
        try
        {
            fd = PidfdOpenCore(pid, 0);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc < 2.36 has no wrapper; the raw syscall is the same thing.
            fd = Syscall(SysPidfdOpen, pid, 0);
        }

        return fd >= 0 ? (int)fd : -Marshal.GetLastPInvokeError();
    }

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    private static partial int FileActionsAddCloseFromCore(IntPtr fileActions, int lowestFd);

    [LibraryImport(Library, EntryPoint = "pidfd_open", SetLastError = true)]
    private static partial int PidfdOpenCore(int pid, uint flags);

    // syscall(2) is variadic; on Linux x86_64 and arm64 variadic integer arguments travel exactly like
    // fixed ones, so a fixed signature is correct there.
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, uint flags);

    [LibraryImport(Library, EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPairCore(int domain, int type, int protocol, out SocketPairFds fds);

    [StructLayout(LayoutKind.Sequential)]
    private struct SocketPairFds
    {
        public int First;
        public int Second;
    }
}
