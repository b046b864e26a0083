using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Daemon.Startup;

/// <summary>Creates the daemon's home and runtime directories, or says in the user's words why it cannot.</summary>
internal static class DaemonDirectories
{
    public static void Prepare(string home, DaemonPaths paths)
    {
        try
        {
            // Logs, dumps and secrets live in the home: created 0700, and an existing one must be a
            // real directory of this user that nobody else can write (SafePaths says why).
            SafePaths.EnsurePrivateDirectory(home);

            // Ours but unusable (chmod 000): a clear HOME_UNREADABLE now, not a failure deep inside.
            _ = Directory.EnumerateFileSystemEntries(home).Any();
            paths.EnsureDirectories();
            if (Path.GetDirectoryName(paths.PidPath) is { Length: > 0 } pidDirectory)
            {
                // daemon.pidFile may name a directory of its own (/run/myapp/od.pid).
                Directory.CreateDirectory(pidDirectory);
            }
        }
        catch (UnsafePathException error)
        {
            throw StartErrors.UnsafePath(error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw StartErrors.HomeUnreadable(home, error);
        }
        catch (IOException error)
        {
            throw new DaemonException(
                ErrorCode.PermissionDenied,
                $"cannot create the daemon's directories ({home}, {paths.RuntimeDirectory}): {error.Message}",
                "set OD_HOME to a directory this user can write",
                error);
        }
    }
}
