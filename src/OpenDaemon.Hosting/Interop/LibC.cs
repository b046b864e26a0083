using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <summary>
/// The few C library calls .NET does not expose: kill(pid, 0) and what the other LibC parts share (the lock probe's flock, getuid and open are in OpenDaemon.Ipc's PosixFiles).
/// </summary>
/// <remarks>
/// Errno values are captured right after each call (SetLastError) and returned to the caller,
/// because anything that runs in between (even releasing a SafeHandle) may overwrite them.
/// Only Unix callers reach this class; every caller checks <c>PlatformInfo.IsUnix</c> first.
/// </remarks>
internal static partial class LibC
{
    private const string Library = "libc";

    internal const int ReadOnlyFlag = 0;

    /// <summary>kill(2); returns 0 or the errno.</summary>
    internal static int Kill(int pid, int signal) =>
        KillCore(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    // O_CLOEXEC keeps a spawned app from inheriting the descriptor.
    private static int CloseOnExec =>
        OperatingSystem.IsMacOS() ? 0x1000000 : OperatingSystem.IsFreeBSD() ? 0x100000 : 0x80000;

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    private static partial int KillCore(int pid, int signal);
}
