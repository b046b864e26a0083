using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.Http;

/// <summary>
/// A REST request as an RPC handler sees its connection: the caller (token id, address) for the audit log,
/// and nothing to push to — a REST answer is the response alone.
/// </summary>
internal sealed class HttpPeer(long connectionId, CallerIdentity caller, CancellationToken aborted) : IIpcPeer
{
    // Far above the Unix socket's ids (which count from 1), so per-connection state never mixes the two.
    private static long _lastId = 1L << 48;

    public static long NextId() => Interlocked.Increment(ref _lastId);

    public long ConnectionId => connectionId;

    public CallerIdentity Caller => caller;

    public CancellationToken Closed => aborted;

    public ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
