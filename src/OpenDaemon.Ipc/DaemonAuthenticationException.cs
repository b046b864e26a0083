namespace OpenDaemon.Ipc;

/// <summary>The daemon challenged this client for a token (spec §5.2, frame 0x06) and the client had none, or the daemon refused it.</summary>
public sealed class DaemonAuthenticationException : DaemonConnectionException
{
    /// <summary>Creates the exception.</summary>
    public DaemonAuthenticationException(string socketPath, string message, bool tokenMissing)
        : base(message, null)
    {
        SocketPath = socketPath;
        TokenMissing = tokenMissing;
    }

    /// <summary>The socket path connected to.</summary>
    public string SocketPath { get; }

    /// <summary>True when the client had no token to answer with; false when the daemon refused the one it sent.</summary>
    public bool TokenMissing { get; }
}
