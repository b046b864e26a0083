namespace OpenDaemon.Ipc;

/// <summary>
/// The conversation broke: a malformed or oversized frame, unreadable JSON, or the connection closed
/// mid-frame or while a request was pending.
/// </summary>
public sealed class ProtocolException : DaemonConnectionException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolException(string details, Exception? innerException = null)
        : this(details, innerException, connectionLost: false)
    {
    }

    /// <summary>Creates the exception, saying whether the peer closed or reset the connection (<paramref name="connectionLost"/>).</summary>
    public ProtocolException(string details, Exception? innerException, bool connectionLost)
        : base($"IPC protocol error: {details}", innerException)
    {
        Details = details;
        ConnectionLost = connectionLost;
    }

    /// <summary>What went wrong, in a few words.</summary>
    public string Details { get; }

    /// <summary>
    /// True when the other side closed or reset the connection (EOF, ECONNRESET, EPIPE) rather than sending
    /// something this side could not read: the peer stopped or died, it did not speak another protocol.
    /// </summary>
    public bool ConnectionLost { get; }
}
