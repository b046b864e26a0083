using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Kernel.Tests.Support;

internal sealed class NullPeer : IIpcPeer
{
    public static NullPeer Instance { get; } = new();

    public CancellationToken Closed => CancellationToken.None;

    public long ConnectionId => 1;

    public CallerIdentity Caller => CallerIdentity.Unknown;

    public ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
