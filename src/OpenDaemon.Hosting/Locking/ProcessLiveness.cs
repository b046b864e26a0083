using System.Diagnostics;
using OpenDaemon.Hosting.Interop;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Locking;

/// <summary>Asks the OS whether a PID names a live process.</summary>
public static class ProcessLiveness
{
    /// <summary>
    /// True when <paramref name="pid"/> exists. On Unix this is kill(pid, 0): success or EPERM (it
    /// exists but belongs to another user) mean alive, ESRCH means gone. A zombie counts as alive
    /// until its parent reaps it.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        // kill() with 0 or a negative PID addresses process groups, never a single process.
        if (pid <= 0)
        {
            return false;
        }

        if (PlatformInfo.IsUnix)
        {
            int errno = LibC.Kill(pid, 0);
            return errno == 0 || errno == Errno.NotPermitted;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Access denied while querying: the process exists.
            return true;
        }
    }
}
