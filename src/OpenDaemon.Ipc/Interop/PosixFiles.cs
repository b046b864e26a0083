using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenDaemon.Ipc.Interop;

/// <summary>
/// The few libc calls a client needs to find and probe a daemon (getuid, access, open, flock);
/// the server's lock (OpenDaemon.Hosting) uses the same ones.
/// </summary>
internal static partial class PosixFiles
{
    private const string Library = "libc";

    internal const int LockShared = 1;
    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;
    internal const int LockUnlock = 8;

    internal const int NoEntry = 2;      // ENOENT
    internal const int Interrupted = 4;  // EINTR

    private const int ReadOnlyFlag = 0;
    private const int ReadWriteFlag = 2;
    private const int WriteOk = 2;
    private const int ExecuteOk = 1;

    /// <summary>EWOULDBLOCK (= EAGAIN): 11 on Linux, 35 on the BSDs and macOS.</summary>
    internal static int WouldBlock { get; } = OperatingSystem.IsLinux() ? 11 : 35;

    /// <summary>flock(2), retried on EINTR; returns 0 or the errno.</summary>
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
                if (errno != Interrupted)
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

    /// <summary>ELOOP: what open(O_NOFOLLOW) reports when the last component is a symlink.</summary>
    internal static int SymlinkLoop { get; } = OperatingSystem.IsLinux() ? 40 : 62;

    /// <summary>
    /// Opens read-only without any implicit lock (FileStream would take LOCK_SH) and without
    /// following a symlink in the last component (ELOOP); null with the errno on failure.
    /// </summary>
    internal static SafeFileHandle? OpenReadOnly(string path, out int errno) => Open(path, ReadOnlyFlag, out errno);

    /// <summary>Opens an existing file read-write, O_NOFOLLOW | O_CLOEXEC, without truncating it or taking a lock.</summary>
    internal static SafeFileHandle? OpenReadWrite(string path, out int errno) => Open(path, ReadWriteFlag, out errno);

    [LibraryImport(Library, EntryPoint = "getuid")]
    internal static partial uint GetUid();

    /// <summary>The uid files are created with and checked against (the effective one).</summary>
    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUid();

    private static SafeFileHandle? Open(string path, int access, out int errno)
    {
        while (true)
        {
            // Two-argument open: without O_CREAT the variadic mode argument is never read, so this
            // signature is correct on every ABI, including Apple arm64. Files are created elsewhere
            // (O_EXCL through the BCL), never through a path that might be a symlink.
            int fd = OpenCore(path, access | NoFollow | CloseOnExec);
            if (fd >= 0)
            {
                errno = 0;
                return new SafeFileHandle(fd, ownsHandle: true);
            }

            errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                return null;
            }
        }
    }

    internal static bool CanWrite(string path) => AccessCore(path, WriteOk | ExecuteOk) == 0;

    // O_CLOEXEC keeps a spawned app from inheriting the descriptor.
    private static int CloseOnExec =>
        OperatingSystem.IsMacOS() ? 0x1000000 : OperatingSystem.IsFreeBSD() ? 0x100000 : 0x80000;

    // O_NOFOLLOW: 0x20000 on Linux x86, 0x8000 on Linux arm/arm64, 0x100 on the BSDs and macOS.
    private static int NoFollow =>
        !OperatingSystem.IsLinux() ? 0x100
        : RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x8000
        : 0x20000;

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockCore(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenCore(string path, int flags);

    [LibraryImport(Library, EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AccessCore(string path, int mode);
}
