namespace OpenDaemon.Ipc;

/// <summary>No daemon listens at the socket path (no socket file, or the connection was refused).</summary>
public sealed class ConnectionRefusedException : DaemonConnectionException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ConnectionRefusedException(string socketPath, Exception? innerException = null)
        : this(socketPath, $"no daemon is listening at {socketPath}", innerException)
    {
    }

    /// <summary>Creates the exception with a specific message.</summary>
    public ConnectionRefusedException(string socketPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SocketPath = socketPath;
    }

    /// <summary>The socket path that was tried.</summary>
    public string SocketPath { get; }
}
