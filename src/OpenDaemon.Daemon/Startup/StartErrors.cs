using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Daemon.Startup;

/// <summary>The user's errors for a home or a path the daemon may not use: what is wrong and how to fix it.</summary>
internal static class StartErrors
{
    /// <summary>A home this user owns but may not read, write or search (chmod 000, a read-only mount).</summary>
    public static DaemonException HomeUnreadable(string home, Exception error) => new(
        ErrorCode.HomeUnreadable,
        $"OD_HOME {home} cannot be read or written by this user: {error.Message}",
        $"give its owner access again ('chmod u+rwx {home}'), or set OD_HOME to another directory",
        error);

    /// <summary>A path another user could control.</summary>
    public static DaemonException UnsafePath(UnsafePathException error) =>
        new(ErrorCode.UnsafePath, $"refusing to use {error.Path}: it {error.Problem}", error.Hint, error);
}
