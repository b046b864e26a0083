namespace OpenDaemon.Ipc;

/// <summary>The type byte that starts every IPC frame (spec §5.2).</summary>
public enum FrameType : byte
{
    /// <summary>A JSON-RPC 2.0 request (client to server).</summary>
    Request = 0x01,

    /// <summary>A JSON-RPC 2.0 response (server to client).</summary>
    Response = 0x02,

    /// <summary>A JSON-RPC 2.0 notification (either direction, never answered).</summary>
    Notification = 0x03,

    /// <summary>Opaque bytes, for example a log stream chunk.</summary>
    Binary = 0x04,

    /// <summary>One payload byte: 0 = ping, 1 = pong.</summary>
    Heartbeat = 0x05,

    /// <summary>Authentication challenge (server to client).</summary>
    AuthChallenge = 0x06,

    /// <summary>Authentication response (client to server).</summary>
    AuthResponse = 0x07,
}
