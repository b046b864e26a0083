using Microsoft.Extensions.Logging;
using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>Source-generated log messages of the IPC server (event ids 100-199).</summary>
internal static partial class IpcLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "IPC server listening on {SocketPath}")]
    public static partial void Listening(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Removed stale socket {SocketPath} left by a previous server")]
    public static partial void StaleSocketRemoved(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "IPC server on {SocketPath} stopped")]
    public static partial void Stopped(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Accepting an IPC connection failed {Count} time(s) in the last {Seconds} s ({Error}); retrying in {DelayMs} ms")]
    public static partial void AcceptFailed(ILogger logger, long count, double seconds, string error, double delayMs);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Refused {Count} IPC connection(s) in the last {Seconds} s: {MaxConnections} connections are open, the limit")]
    public static partial void ConnectionRefused(ILogger logger, long count, double seconds, int maxConnections);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Could not delete socket file {SocketPath}")]
    public static partial void SocketDeleteFailed(ILogger logger, string socketPath, Exception exception);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "IPC connection {ConnectionId} accepted")]
    public static partial void ConnectionAccepted(ILogger logger, long connectionId);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "IPC connection {ConnectionId} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "IPC connection {ConnectionId} broke the protocol and is closed: {Details}")]
    public static partial void ProtocolViolation(ILogger logger, long connectionId, string details);

    [LoggerMessage(EventId = 113, Level = LogLevel.Debug, Message = "IPC connection {ConnectionId} was idle for {IdleTimeout} and is closed")]
    public static partial void IdleTimeout(ILogger logger, long connectionId, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 114, Level = LogLevel.Debug, Message = "IPC connection {ConnectionId} sent an unexpected {FrameType} frame; ignored")]
    public static partial void UnexpectedFrame(ILogger logger, long connectionId, FrameType frameType);

    [LoggerMessage(EventId = 115, Level = LogLevel.Error, Message = "IPC connection {ConnectionId} failed unexpectedly")]
    public static partial void ConnectionFailed(ILogger logger, long connectionId, Exception exception);

    // No connection id in the text: a flood of these (many clients holding large frames) is then one line
    // and a count in daemon.log, as daemon.log's repeat suppression does for identical lines.
    [LoggerMessage(EventId = 116, Level = LogLevel.Warning, Message = "an IPC connection was closed: its unfinished frame would take the frames being received past the {Budget}-byte budget")]
    public static partial void FrameBudgetExceeded(ILogger logger, long budget);

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Handler for {Method} on IPC connection {ConnectionId} threw")]
    public static partial void HandlerFailed(ILogger logger, string method, long connectionId, Exception exception);

    [LoggerMessage(EventId = 121, Level = LogLevel.Debug, Message = "Response to {Method} on IPC connection {ConnectionId} not sent: {Reason}")]
    public static partial void ResponseDropped(ILogger logger, string method, long connectionId, string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Response to {Method} on IPC connection {ConnectionId} is {Size} bytes, over the {MaxFrameSize}-byte frame limit; sent an error instead")]
    public static partial void ResponseTooLarge(ILogger logger, string method, long connectionId, int size, int maxFrameSize);

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "IPC connection {ConnectionId} (pid {Pid}, uid {Uid}) failed the token challenge and is closed: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, long connectionId, int? pid, uint? uid, string reason);

    [LoggerMessage(EventId = 131, Level = LogLevel.Debug, Message = "IPC connection {ConnectionId} (pid {Pid}, uid {Uid}) answered the token challenge")]
    public static partial void Authenticated(ILogger logger, long connectionId, int? pid, uint? uid);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "Rate-limited {Count} IPC request(s) in the last {Seconds} s (latest: uid {Uid}, {Method})")]
    public static partial void RateLimited(ILogger logger, long count, double seconds, uint? uid, string method);

    [LoggerMessage(EventId = 133, Level = LogLevel.Error, Message = "The authentication observer threw")]
    public static partial void ObserverFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "The socket's token could not be read; peers that need one are refused")]
    public static partial void TokenUnavailable(ILogger logger, Exception exception);
}
