using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Ipc;

namespace OpenDaemon.Daemon.Startup;

/// <summary>
/// The <c>daemon.socket*</c> fields turned into the IPC server's options: the group that may connect,
/// the token challenge, the per-user rate limit. A group that does not exist, or a shared socket inside
/// OD_HOME, is a configuration error at start (never a stack trace).
/// </summary>
internal static class SocketSecurity
{
    public static IpcServerOptions ServerOptions(
        DaemonSettings settings,
        string socketPath,
        string home,
        Action<IpcAuthenticationAttempt> observer,
        ILogger logger,
        TimeProvider timeProvider)
    {
        var tokenFile = new ApiTokenFile(home);
        return new IpcServerOptions
        {
            SocketPath = socketPath,
            SocketGroupId = ResolveGroup(settings.SocketGroup, socketPath, home),
            RequiredToken = settings.SocketTokenRequired ? tokenFile.Read : null,
            AuthenticationObserver = observer,
            RateLimit = new IpcRateLimit(settings.SocketRequestsPerSecond, settings.SocketBurst),
            Logger = logger,
            TimeProvider = timeProvider,
        };
    }

    private static uint? ResolveGroup(string? group, string socketPath, string home)
    {
        if (group is null)
        {
            return null;
        }

        if (!OperatingSystem.IsLinux() || !UserDatabase.TryResolveGroup(group, out var gid))
        {
            throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"daemon.socketGroup: there is no group '{group}' on this machine",
                "name an existing group (see 'getent group') or give its numeric gid");
        }

        // The group needs search permission on the socket's directory; OD_HOME also holds logs, dumps and
        // secrets, which must stay the daemon user's alone.
        var directory = Path.GetDirectoryName(Path.GetFullPath(socketPath));
        if (string.Equals(directory, Path.GetFullPath(home).TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"daemon.socketGroup: the socket {socketPath} is inside OD_HOME ({home}), which the group would then be able to enter",
                "give the socket a directory of its own with OD_SOCKET (for example /run/opendaemon-shared/daemon.sock)");
        }

        return (uint)gid;
    }
}
