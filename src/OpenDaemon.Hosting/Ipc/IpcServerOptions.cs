using Microsoft.Extensions.Logging;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>Settings of an <see cref="IpcServer"/>.</summary>
/// <remarks>
/// Secure defaults: the socket file is created with mode 0600 (its directory, when created, 0700) unless
/// <see cref="SocketGroupId"/> opens it to one group, frames
/// are capped at 10 MB, a connection may run at most 64 requests at once, and a connection that sends
/// nothing (not even a heartbeat) for 5 minutes while no request of it is running is closed. At most
/// <see cref="ConnectionLimits.DefaultMaxConnections()"/> connections are open at once (1024, or a quarter
/// of the open-file limit), and unfinished frames of all connections together hold at most 64 MB.
/// </remarks>
public sealed class IpcServerOptions
{
    /// <summary>Where to listen. Must fit a Unix socket address (at most 107 bytes).</summary>
    public required string SocketPath { get; init; }

    /// <summary>The largest frame payload accepted, in bytes. A larger frame closes the connection that sent it.</summary>
    public int MaxFrameSize { get; init; } = FrameCodec.DefaultMaxFrameSize;

    /// <summary>
    /// How long a connection may stay silent while none of its requests is running. Any frame, heartbeats
    /// included, counts as activity. <see cref="Timeout.InfiniteTimeSpan"/> disables the check.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many requests of one connection may be handled at once; past that the server stops reading from
    /// that connection until one finishes (backpressure, not an error).
    /// </summary>
    public int MaxConcurrentRequestsPerConnection { get; init; } = 64;

    /// <summary>
    /// How many connections may be open at once. One more is answered with an error response (no id) and
    /// closed at once, so that a flood of clients cannot exhaust the daemon's file descriptors.
    /// </summary>
    public int MaxConnections { get; init; } = ConnectionLimits.DefaultMaxConnections();

    /// <summary>
    /// How many bytes of frames still being received all connections together may hold. A connection whose
    /// unfinished frame would pass it is answered with an error and closed.
    /// </summary>
    public long MaxPendingFrameBytes { get; init; } = ConnectionLimits.DefaultMaxPendingFrameBytes;

    /// <summary>Where connection events and protocol violations are logged; nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// A group allowed to connect: the socket file becomes mode 0660 owned by this gid, and its directory
    /// gains group search permission (0710 when it was 0700) and this group. Null (the default) keeps the
    /// socket 0600, reachable by the daemon's own user alone.
    /// </summary>
    public uint? SocketGroupId { get; init; }

    /// <summary>
    /// When set, every peer whose uid differs from the server's must answer the auth challenge (frames
    /// 0x06/0x07) with the token this returns, before any request is served. It is called once per
    /// connection, so a rotated token counts from the next connection on; null (no token exists) or a
    /// throw refuses everyone who needs one. Peers of the server's own uid are never challenged.
    /// </summary>
    public Func<string?>? RequiredToken { get; init; }

    /// <summary>The uid never challenged: the server's effective uid unless set (tests pretend their peer is another user).</summary>
    internal uint? TrustedUid { get; init; }

    /// <summary>Told about every challenge answered, right or wrong (for the audit log). Must not throw or block.</summary>
    public Action<IpcAuthenticationAttempt>? AuthenticationObserver { get; init; }

    /// <summary>Requests per client uid (per connection when the uid is unknown); null, the default, for no limit.</summary>
    public IpcRateLimit? RateLimit { get; init; }

    /// <summary>The clock behind the idle check and the rate limit.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
