namespace OpenDaemon.Ipc;

/// <summary>The socket file exists but nothing accepts on it: a daemon died without removing it.</summary>
public sealed class StaleSocketException : DaemonConnectionException
{
    /// <summary>Creates the exception.</summary>
    public StaleSocketException(string socketPath, Exception? innerException = null)
        : base($"the socket {socketPath} exists but nothing is listening on it (left behind by a daemon that died)", innerException)
    {
        SocketPath = socketPath;
    }

    /// <summary>The stale socket file.</summary>
    public string SocketPath { get; }
}
