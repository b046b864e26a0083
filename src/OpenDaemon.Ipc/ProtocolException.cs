namespace OpenDaemon.Ipc;

/// <summary>
/// The conversation broke: a malformed or oversized frame, unreadable JSON, or the connection closed
/// mid-frame or while a request was pending.
/// </summary>
public sealed class ProtocolException : DaemonConnectionException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolException(string details, Exception? innerException = null)
        : base($"IPC protocol error: {details}", innerException)
    {
        Details = details;
    }

    /// <summary>What went wrong, in a few words.</summary>
    public string Details { get; }
}
