using System.Runtime.InteropServices;

namespace OpenDaemon.Daemon.Executable;

/// <summary>
/// Turns a freshly spawned <c>od-daemon run --detached</c> into a proper daemon: its own session
/// (so closing the terminal or the parent's process group does not reach it) and, once it listens,
/// standard streams on /dev/null (so nobody's pipe or terminal is held open). Until then its
/// stderr stays connected to the launcher, which shows any start failure to the user.
/// </summary>
internal static partial class ProcessDetacher
{
    private const int StandardStreams = 3;

    /// <summary>Leaves the launcher's session and process group.</summary>
    public static void StartNewSession()
    {
        // Fails with EPERM only when already a group leader, which a spawned child never is.
        _ = SetSid();
    }

    /// <summary>Points fds 0, 1 and 2 at /dev/null.</summary>
    public static void DetachStandardStreams()
    {
        using var devNull = File.Open("/dev/null", FileMode.Open, FileAccess.ReadWrite);
        var fd = (int)devNull.SafeFileHandle.DangerousGetHandle();
        for (var stream = 0; stream < StandardStreams; stream++)
        {
            _ = Dup2(fd, stream);
        }
    }

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
