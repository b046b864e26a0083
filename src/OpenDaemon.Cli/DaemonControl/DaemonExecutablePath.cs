using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.DaemonControl;

/// <summary>
/// Where the daemon executable is: <c>od-daemon</c> in the directory of this <c>od</c> (both are
/// built and installed together), or <c>$OD_DAEMON_PATH</c> when set.
/// </summary>
internal static class DaemonExecutablePath
{
    /// <exception cref="DaemonException">DAEMON_START_FAILED when there is no such executable.</exception>
    public static string Resolve()
    {
        var path = Environment.GetEnvironmentVariable(DaemonExecutable.PathVariable) is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.Combine(AppContext.BaseDirectory, DaemonExecutable.FileName);
        return File.Exists(path)
            ? path
            : throw new DaemonException(
                ErrorCode.DaemonStartFailed,
                $"the daemon executable {path} is missing",
                $"install {DaemonExecutable.FileName} next to od (they are built together), or set {DaemonExecutable.PathVariable}");
    }
}
