using System.Runtime.InteropServices;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>One posix_spawn call with the attributes every app gets: a new session, clean signals, our stdio.</summary>
internal static class PosixSpawn
{
    private const string DevNull = "/dev/null";

    /// <summary>
    /// Returns 0 and the pid, or the error number (exec failures included: glibc reports them).
    /// <paramref name="standardOutput"/> and <paramref name="standardError"/> are the child ends for fds
    /// 1 and 2; they are close-on-exec, which dup2 clears on the copies. <paramref name="inherited"/> become
    /// fds 3, 4, … in order the same way (glibc clears close-on-exec even when a source already is its
    /// target). Every source must be ≥ 3 + inherited.Length, so that no dup2 overwrites a later source.
    /// </summary>
    public static int Run(string fileName, NativeStringArray argv, NativeStringArray envp, string workingDirectory, int standardOutput, int standardError, ReadOnlySpan<int> inherited, out int pid)
    {
        pid = 0;
        IntPtr attributes = Marshal.AllocHGlobal(LibC.SpawnAttributesSize);
        IntPtr actions = Marshal.AllocHGlobal(LibC.SpawnFileActionsSize);
        IntPtr signals = Marshal.AllocHGlobal(LibC.SignalSetSize);
        bool attributesReady = false, actionsReady = false;
        try
        {
            int errno = LibC.SpawnAttributesInit(attributes);
            attributesReady = errno == 0;
            if (errno == 0)
            {
                errno = LibC.FileActionsInit(actions);
                actionsReady = errno == 0;
            }

            // SETSID: the child leads a new session and process group (pgid == sid == pid), so a stop
            // signal sent to -pid reaches its whole tree and never the daemon.
            // SETSIGMASK (empty) and SETSIGDEF (every signal): the runtime blocks and ignores signals
            // (SIGPIPE among them), and both an ignored disposition and the mask survive exec.
            errno = errno != 0 ? errno : LibC.SpawnAttributesSetFlags(attributes, LibC.SpawnSetSid | LibC.SpawnSetSignalMask | LibC.SpawnSetSignalDefault);
            errno = errno != 0 ? errno : LibC.SignalSetEmpty(signals);
            errno = errno != 0 ? errno : LibC.SpawnAttributesSetSignalMask(attributes, signals);
            errno = errno != 0 ? errno : LibC.SignalSetFill(signals);
            errno = errno != 0 ? errno : LibC.SpawnAttributesSetSignalDefault(attributes, signals);

            // dup2 before the open: should the daemon run without fds 0-2, a socket could be fd 0 itself.
            errno = errno != 0 ? errno : LibC.FileActionsAddDup2(actions, standardOutput, 1);
            errno = errno != 0 ? errno : LibC.FileActionsAddDup2(actions, standardError, 2);
            errno = errno != 0 ? errno : LibC.FileActionsAddOpen(actions, 0, DevNull, LibC.ReadOnlyFlag, 0);

            // Our own descriptors are all close-on-exec, but the daemon may have inherited some that are
            // not (a launching shell's stray pipes): the app gets fds 0-2 (and its listening sockets and IPC
            // channel) and nothing else.
            const int FirstInherited = 3;
            for (var i = 0; i < inherited.Length; i++)
            {
                errno = errno != 0 ? errno : LibC.FileActionsAddDup2(actions, inherited[i], FirstInherited + i);
            }

            var firstClosed = FirstInherited + inherited.Length;

            errno = errno != 0 ? errno : LibC.FileActionsAddCloseFrom(actions, firstClosed);
            errno = errno != 0 ? errno : LibC.FileActionsAddChdir(actions, workingDirectory);
            return errno != 0 ? errno : LibC.PosixSpawn(out pid, fileName, actions, attributes, argv.Pointer, envp.Pointer);
        }
        finally
        {
            if (actionsReady)
            {
                _ = LibC.FileActionsDestroy(actions);
            }

            if (attributesReady)
            {
                _ = LibC.SpawnAttributesDestroy(attributes);
            }

            Marshal.FreeHGlobal(signals);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
        }
    }
}
