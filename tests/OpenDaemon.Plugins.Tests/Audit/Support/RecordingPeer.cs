using System.Text;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Ipc;

namespace OpenDaemon.Plugins.Tests.Audit.Support;

/// <summary>A connection that keeps what was sent to it: binary frames' payloads after the 4-byte stream id, as text.</summary>
internal sealed class RecordingPeer : IIpcPeer
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public long ConnectionId => 7;

    public CallerIdentity Caller => AuditLogFixture.Alice;

    public CancellationToken Closed => CancellationToken.None;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public ValueTask SendNotificationAsync(JsonRpcNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _text.Append(Encoding.UTF8.GetString(payload.Span[4..]));
        }

        return ValueTask.CompletedTask;
    }
}
