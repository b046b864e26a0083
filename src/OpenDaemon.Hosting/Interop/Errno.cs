using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <summary>The errno values this toolkit reacts to, with their per-OS numbers.</summary>
internal static class Errno
{
    internal const int NotPermitted = 1;   // EPERM
    internal const int NoEntry = 2;        // ENOENT
    internal const int NoSuchProcess = 3;  // ESRCH
    internal const int Interrupted = 4;    // EINTR
    internal const int BadDescriptor = 9;  // EBADF
    internal const int NoChild = 10;       // ECHILD
    internal const int InvalidArgument = 22; // EINVAL
    internal const int TextFileBusy = 26;  // ETXTBSY
    internal const int OutOfRange = 34;    // ERANGE (a getpw*_r buffer was too small)

    /// <summary>EWOULDBLOCK (= EAGAIN): 11 on Linux, 35 on the BSDs and macOS.</summary>
    internal static int WouldBlock { get; } = OperatingSystem.IsLinux() ? 11 : 35;

    /// <summary>The C library's text for <paramref name="errno"/> ("No such file or directory").</summary>
    internal static string Message(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
