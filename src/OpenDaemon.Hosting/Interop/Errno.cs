namespace OpenDaemon.Hosting.Interop;

/// <summary>The errno values this toolkit reacts to, with their per-OS numbers.</summary>
internal static class Errno
{
    internal const int NotPermitted = 1;   // EPERM
    internal const int NoEntry = 2;        // ENOENT
    internal const int NoSuchProcess = 3;  // ESRCH
    internal const int Interrupted = 4;    // EINTR

    /// <summary>EWOULDBLOCK (= EAGAIN): 11 on Linux, 35 on the BSDs and macOS.</summary>
    internal static int WouldBlock { get; } = OperatingSystem.IsLinux() ? 11 : 35;
}
