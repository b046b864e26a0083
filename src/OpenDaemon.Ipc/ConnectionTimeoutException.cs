namespace OpenDaemon.Ipc;

/// <summary>Connecting, or waiting for a response, took longer than allowed.</summary>
public sealed class ConnectionTimeoutException : DaemonConnectionException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionTimeoutException(string message, TimeSpan timeout, Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The time limit that passed.</summary>
    public TimeSpan Timeout { get; }
}
