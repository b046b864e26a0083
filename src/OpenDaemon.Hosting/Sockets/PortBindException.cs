using System.Net.Sockets;

namespace OpenDaemon.Hosting.Sockets;

/// <summary>A listening port could not be bound: taken by another process (named when /proc shows it), or not allowed.</summary>
public sealed class PortBindException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PortBindException(int port, SocketError error, string message, PortHolder? holder, Exception? innerException = null)
        : base(message, innerException)
    {
        Port = port;
        Error = error;
        Holder = holder;
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>Why it failed.</summary>
    public SocketError Error { get; }

    /// <summary>The process listening on the port already, when it could be found.</summary>
    public PortHolder? Holder { get; }

    /// <summary>True when another socket listens on the port.</summary>
    public bool InUse => Error == SocketError.AddressAlreadyInUse;

    internal static PortBindException From(int port, SocketException error)
    {
        switch (error.SocketErrorCode)
        {
            case SocketError.AddressAlreadyInUse:
                var holder = PortHolder.Find(port);
                var who = holder is null
                    ? "another process (not visible to this user: 'ss -ltnp' as root names it)"
                    : $"pid {holder.Pid} ({holder.Command})";
                return new PortBindException(port, error.SocketErrorCode, $"port {port} is already in use by {who}", holder, error);
            case SocketError.AccessDenied:
                return new PortBindException(port, error.SocketErrorCode, $"binding port {port} is not allowed: ports below 1024 need root or CAP_NET_BIND_SERVICE", null, error);
            default:
                return new PortBindException(port, error.SocketErrorCode, $"cannot listen on port {port}: {error.Message}", null, error);
        }
    }
}
