using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// What the exec shim applies to itself before it becomes the app: groups, ids, umask, nice, a clean
/// signal state, then execv. Only the shim process (a fresh `od __exec-shim`) calls these.
/// </content>
internal static partial class LibC
{
    private const int PriorityProcess = 0;   // PRIO_PROCESS
    private const int SignalSetMask = 2;     // SIG_SETMASK

    /// <summary>Each returns 0 or the errno.</summary>
    internal static int SetUserId(uint uid) => SetUidCore(uid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal static int SetGroupId(uint gid) => SetGidCore(gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal static int SetSingleGroup(uint gid) => SetGroupsCore(1, ref gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal static int InitializeGroups(string user, uint gid) => InitGroupsCore(user, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>
    /// setpriority(PRIO_PROCESS, 0, nice). On Linux this sets the calling thread's nice value, which is the
    /// one the process keeps once that thread calls execve; so the caller must exec from the same thread.
    /// </summary>
    internal static int SetNice(int nice) => SetPriorityCore(PriorityProcess, 0, nice) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport(Library, EntryPoint = "umask")]
    internal static partial uint SetUmask(uint mask);

    /// <summary>
    /// Resets every signal to its default action and unblocks all: the shim is a .NET process whose
    /// runtime ignores SIGPIPE, and ignored signals (like the signal mask) survive execve.
    /// </summary>
    internal static void ResetSignals()
    {
        const int LastSignal = 64;
        IntPtr defaultAction = IntPtr.Zero; // SIG_DFL
        for (int signal = 1; signal <= LastSignal; signal++)
        {
            // SIGKILL, SIGSTOP and glibc's internal signals refuse with EINVAL: nothing to reset there.
            _ = SignalCore(signal, defaultAction);
        }

        IntPtr emptySet = Marshal.AllocHGlobal(SignalSetSize);
        try
        {
            _ = SignalSetEmpty(emptySet);
            _ = SignalMaskCore(SignalSetMask, emptySet, IntPtr.Zero);
        }
        finally
        {
            Marshal.FreeHGlobal(emptySet);
        }
    }

    /// <summary>execv(2) with this process's environ; returns only on failure, with the errno.</summary>
    internal static int ExecV(string path, IntPtr argv)
    {
        _ = ExecVCore(path, argv);
        return Marshal.GetLastPInvokeError();
    }

    [LibraryImport(Library, EntryPoint = "setuid", SetLastError = true)]
    private static partial int SetUidCore(uint uid);

    [LibraryImport(Library, EntryPoint = "setgid", SetLastError = true)]
    private static partial int SetGidCore(uint gid);

    [LibraryImport(Library, EntryPoint = "setgroups", SetLastError = true)]
    private static partial int SetGroupsCore(nuint count, ref uint groups);

    [LibraryImport(Library, EntryPoint = "initgroups", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InitGroupsCore(string user, uint gid);

    [LibraryImport(Library, EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriorityCore(int which, uint who, int priority);

    [LibraryImport(Library, EntryPoint = "signal")]
    private static partial IntPtr SignalCore(int signal, IntPtr handler);

    // Same as pthread_sigmask for the calling thread, which is the one that calls execve.
    [LibraryImport(Library, EntryPoint = "sigprocmask")]
    private static partial int SignalMaskCore(int how, IntPtr set, IntPtr oldSet);

    [LibraryImport(Library, EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVCore(string path, IntPtr argv);
}
