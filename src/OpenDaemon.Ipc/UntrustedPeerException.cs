namespace OpenDaemon.Ipc;

/// <summary>
/// The process listening on the socket runs as another user than the one expected, so nothing was
/// sent to it: another user may have replaced the daemon's socket to receive what clients send.
/// </summary>
public sealed class UntrustedPeerException : DaemonConnectionException
{
    /// <summary>Creates the exception for a listener running as <paramref name="peerUid"/>.</summary>
    public UntrustedPeerException(string socketPath, uint peerUid, uint expectedUid)
        : base($"the process listening on {socketPath} runs as uid {peerUid}, not as this user (uid {expectedUid}); to use a shared daemon of that user, set OD_TRUST_DAEMON_UID={peerUid}", null)
    {
        SocketPath = socketPath;
        PeerUid = peerUid;
        ExpectedUid = expectedUid;
    }

    /// <summary>The socket path connected to.</summary>
    public string SocketPath { get; }

    /// <summary>The uid the listener runs as.</summary>
    public uint PeerUid { get; }

    /// <summary>The uid a daemon for this client must run as (the client's own).</summary>
    public uint ExpectedUid { get; }
}
