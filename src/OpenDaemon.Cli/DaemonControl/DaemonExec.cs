using System.Runtime.InteropServices;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.DaemonControl;

/// <summary>
/// <c>od daemon run</c> becomes the daemon: execv(2) replaces this process with <c>od-daemon run</c>,
/// so the pid a service manager started (systemd's MainPID, a container's PID 1) is the daemon's,
/// signals reach it directly, and no idle CLI process stays around. The environment is inherited.
/// </summary>
internal static partial class DaemonExec
{
    /// <summary>Replaces this process; returns only by throwing.</summary>
    /// <exception cref="DaemonException">DAEMON_START_FAILED when the executable cannot be run.</exception>
    public static void Run(IReadOnlyList<string> arguments)
    {
        var path = DaemonExecutablePath.Resolve();
        string?[] argv = [DaemonExecutable.FileName, DaemonExecutable.RunCommand, .. arguments, null];
        Console.Out.Flush();
        Console.Error.Flush();
        _ = Execv(path, argv);
        var errno = Marshal.GetLastPInvokeError();
        throw new DaemonException(
            ErrorCode.DaemonStartFailed,
            $"could not run {path}: {Marshal.GetPInvokeErrorMessage(errno)}",
            "check that the daemon executable is installed next to od and executable");
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, string?[] argv);
}
