using OpenDaemon.Ipc;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>The connection a request came from, as seen by its handler; lets a handler push data back later (log streams, events).</summary>
public interface IIpcPeer
{
    /// <summary>A server-unique id of the connection, stable for its lifetime.</summary>
    long ConnectionId { get; }

    /// <summary>Who is at the other end (the kernel's word for the Unix socket).</summary>
    CallerIdentity Caller { get; }

    /// <summary>Cancelled when the connection closes, so that work pushing to it (a log stream) can end.</summary>
    CancellationToken Closed { get; }

    /// <summary>Sends a notification frame; throws <see cref="ProtocolException"/> once the connection is closed.</summary>
    ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken);

    /// <summary>Sends a binary frame; throws <see cref="ProtocolException"/> once the connection is closed.</summary>
    ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
