using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenDaemon.Hosting.Interop;

/// <summary>
/// The few C library calls .NET does not expose: flock, kill(pid, 0), getuid and a lock-free open.
/// </summary>
/// <remarks>
/// Errno values are captured right after each call (SetLastError) and returned to the caller,
/// because anything that runs in between (even releasing a SafeHandle) may overwrite them.
/// Only Unix callers reach this class; every caller checks <c>PlatformInfo.IsUnix</c> first.
/// </remarks>
internal static partial class LibC
{
    private const string Library = "libc";

    internal const int LockShared = 1;
    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;
    internal const int LockUnlock = 8;

    internal const int ReadOnlyFlag = 0;
    private const int WriteOk = 2;
    private const int ExecuteOk = 1;

    /// <summary>flock(2) on the descriptor behind <paramref name="handle"/>; returns 0 or the errno.</summary>
    internal static int Flock(SafeFileHandle handle, int operation)
    {
        bool addedRef = false;
        try
        {
            // Keep the descriptor from being closed and reused by another file during the call.
            handle.DangerousAddRef(ref addedRef);
            int fd = (int)handle.DangerousGetHandle();
            while (true)
            {
                if (FlockCore(fd, operation) == 0)
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
        finally
        {
            if (addedRef)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> read-only without taking any lock (FileStream on Unix takes an
    /// implicit flock, which would collide with the daemon's). Returns null and the errno on failure.
    /// </summary>
    internal static SafeFileHandle? OpenReadOnly(string path, out int errno)
    {
        while (true)
        {
            // Two-argument open: without O_CREAT the variadic mode argument is never read, so this
            // signature is correct on every ABI, including Apple arm64.
            int fd = OpenCore(path, ReadOnlyFlag | CloseOnExec);
            if (fd >= 0)
            {
                errno = 0;
                return new SafeFileHandle(fd, ownsHandle: true);
            }

            errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.Interrupted)
            {
                return null;
            }
        }
    }

    /// <summary>kill(2); returns 0 or the errno.</summary>
    internal static int Kill(int pid, int signal) =>
        KillCore(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport(Library, EntryPoint = "getuid")]
    internal static partial uint GetUid();

    /// <summary>True when this process may create entries in the directory <paramref name="path"/>.</summary>
    internal static bool CanWrite(string path) => AccessCore(path, WriteOk | ExecuteOk) == 0;

    // O_CLOEXEC keeps a spawned app from inheriting the descriptor.
    private static int CloseOnExec =>
        OperatingSystem.IsMacOS() ? 0x1000000 : OperatingSystem.IsFreeBSD() ? 0x100000 : 0x80000;

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockCore(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenCore(string path, int flags);

    [LibraryImport(Library, EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AccessCore(string path, int mode);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    private static partial int KillCore(int pid, int signal);
}
