using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// Reaping (Linux): epoll over pidfds, waitid(P_PIDFD), waitpid for one known pid, eventfd and the
/// child-subreaper prctl. There is deliberately no waitpid(-1) here: the .NET runtime reaps its own
/// System.Diagnostics.Process children by pid, and reaping "any child" would steal their exit codes.
/// </content>
internal static partial class LibC
{
    internal const int PidfdIdType = 3;          // P_PIDFD (Linux 5.4)
    internal const int WaitExited = 4;           // WEXITED
    internal const int WaitNoHang = 1;           // WNOHANG
    internal const int ChildExited = 1;          // CLD_EXITED
    internal const int ChildKilled = 2;          // CLD_KILLED
    internal const int ChildDumped = 3;          // CLD_DUMPED

    private const int EpollCloseOnExec = 0x80000; // EPOLL_CLOEXEC
    private const int EpollAdd = 1;              // EPOLL_CTL_ADD
    private const int EpollDelete = 2;           // EPOLL_CTL_DEL
    private const uint EpollIn = 0x001;          // EPOLLIN
    private const int EventFdCloseOnExec = 0x80000; // EFD_CLOEXEC
    private const int EventFdNonBlocking = 0x800;   // EFD_NONBLOCK
    private const int SetChildSubreaper = 36;    // PR_SET_CHILD_SUBREAPER

    /// <summary>
    /// sizeof(struct epoll_event): the struct is packed on x86_64 (12 bytes, data at offset 4) and
    /// naturally aligned elsewhere (16 bytes, data at offset 8), so events are handled as raw bytes.
    /// </summary>
    internal static int EpollEventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static int EpollDataOffset => EpollEventSize == 12 ? 4 : 8;

    /// <summary>epoll_create1(EPOLL_CLOEXEC); returns the descriptor or -errno.</summary>
    internal static int EpollCreate()
    {
        int fd = EpollCreateCore(EpollCloseOnExec);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Watches <paramref name="fd"/> for readability, tagging its events with <paramref name="data"/>; returns 0 or the errno.</summary>
    internal static int EpollAddReadable(int epoll, int fd, ulong data)
    {
        Span<byte> epollEvent = stackalloc byte[16];
        epollEvent.Clear();
        BitConverter.TryWriteBytes(epollEvent, EpollIn);
        BitConverter.TryWriteBytes(epollEvent[EpollDataOffset..], data);
        return EpollControlCore(epoll, EpollAdd, fd, ref MemoryMarshal.GetReference(epollEvent)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    internal static void EpollRemove(int epoll, int fd)
    {
        // Linux >= 2.6.9 ignores the event argument of EPOLL_CTL_DEL, but it must not be null before that.
        Span<byte> ignored = stackalloc byte[16];
        _ = EpollControlCore(epoll, EpollDelete, fd, ref MemoryMarshal.GetReference(ignored));
    }

    /// <summary>epoll_wait into <paramref name="events"/> (a multiple of <see cref="EpollEventSize"/>); returns the count or -errno.</summary>
    internal static int EpollWait(int epoll, Span<byte> events, int timeoutMilliseconds)
    {
        int count = EpollWaitCore(epoll, ref MemoryMarshal.GetReference(events), events.Length / EpollEventSize, timeoutMilliseconds);
        return count >= 0 ? count : -Marshal.GetLastPInvokeError();
    }

    /// <summary>The user data of the <paramref name="index"/>th event that epoll_wait returned.</summary>
    internal static ulong EpollEventData(ReadOnlySpan<byte> events, int index) =>
        BitConverter.ToUInt64(events.Slice((index * EpollEventSize) + EpollDataOffset, sizeof(ulong)));

    /// <summary>waitid(2); returns 0 or the errno. With WNOHANG and nothing to reap, <see cref="SignalInfo.Pid"/> is 0.</summary>
    internal static int WaitId(int idType, int id, int options, out SignalInfo info)
    {
        while (true)
        {
            info = default;
            if (WaitIdCore(idType, id, ref info, options) == 0)
            {
                return 0;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.Interrupted)
            {
                return errno;
            }
        }
    }

    /// <summary>waitpid(pid, WNOHANG) for one known pid; returns the pid, 0 (still running) or -errno.</summary>
    internal static int WaitPidNoHang(int pid)
    {
        while (true)
        {
            int result = WaitPidCore(pid, out _, WaitNoHang);
            if (result >= 0)
            {
                return result;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.Interrupted)
            {
                return -errno;
            }
        }
    }

    /// <summary>Blocking waitpid for one known pid, used only right after killing a child we cannot track.</summary>
    internal static void WaitPidBlocking(int pid)
    {
        while (WaitPidCore(pid, out _, 0) < 0 && Marshal.GetLastPInvokeError() == Errno.Interrupted)
        {
        }
    }

    /// <summary>eventfd(0, EFD_CLOEXEC|EFD_NONBLOCK); returns the descriptor or -errno.</summary>
    internal static int EventFdCreate()
    {
        int fd = EventFdCore(0, EventFdCloseOnExec | EventFdNonBlocking);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Adds one to the eventfd counter (async-signal-safe, never blocks: the counter cannot realistically overflow).</summary>
    internal static void EventFdSignal(int fd)
    {
        ulong one = 1;
        _ = WriteCore(fd, ref one, sizeof(ulong));
    }

    /// <summary>Resets the eventfd counter to zero.</summary>
    internal static void EventFdDrain(int fd)
    {
        ulong value = 0;
        _ = ReadCore(fd, ref value, sizeof(ulong));
    }

    /// <summary>prctl(PR_SET_CHILD_SUBREAPER, 1); returns 0 or the errno.</summary>
    internal static int BecomeChildSubreaper() =>
        PrctlCore(SetChildSubreaper, 1, 0, 0, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>getsid(0): the session this process belongs to.</summary>
    [LibraryImport(Library, EntryPoint = "getsid")]
    internal static partial int GetSessionId(int pid);

    [LibraryImport(Library, EntryPoint = "getpgrp")]
    internal static partial int GetProcessGroup();

    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreateCore(int flags);

    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollControlCore(int epoll, int operation, int fd, ref byte epollEvent);

    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWaitCore(int epoll, ref byte events, int maxEvents, int timeout);

    [LibraryImport(Library, EntryPoint = "waitid", SetLastError = true)]
    private static partial int WaitIdCore(int idType, int id, ref SignalInfo info, int options);

    [LibraryImport(Library, EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPidCore(int pid, out int status, int options);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFdCore(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteCore(int fd, ref ulong value, nint count);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadCore(int fd, ref ulong value, nint count);

    // prctl is variadic; Linux x86_64 and arm64 pass variadic integers like fixed ones.
    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    private static partial int PrctlCore(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>The part of siginfo_t that waitid fills for SIGCHLD (Linux, 64-bit: 128 bytes in all).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SignalInfo
    {
        [FieldOffset(8)]
        public int Code;   // si_code: CLD_EXITED, CLD_KILLED, CLD_DUMPED

        [FieldOffset(16)]
        public int Pid;    // si_pid

        [FieldOffset(24)]
        public int Status; // si_status: the exit code or the signal number
    }
}
