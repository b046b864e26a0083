using System.Net.Sockets;

namespace OpenDaemon.Ipc;

/// <summary>The Unix domain socket address of a socket path, with a clear error when the path cannot be one.</summary>
internal static class SocketEndPoints
{
    /// <exception cref="ArgumentException">The path does not fit a Unix socket address.</exception>
    public static UnixDomainSocketEndPoint For(string socketPath)
    {
        try
        {
            return new UnixDomainSocketEndPoint(socketPath);
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw new ArgumentException(
                $"the socket path {socketPath} is too long for a Unix socket (at most about 100 bytes); choose a shorter one",
                nameof(socketPath),
                error);
        }
    }
}
